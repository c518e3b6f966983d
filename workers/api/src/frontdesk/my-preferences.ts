import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { residentOf } from "../public/resident.ts";
import { BranchParam } from "../public/schemas.ts";
import { ok } from "./common.ts";

/** The channels a verified resident chose (the portal inbox is always among them), for the 我的 page's switches. */
export const myPreferencesRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/my/preferences",
    tags: ["public"],
    summary: "The channels this resident gets notices on",
    security: [{ bearer: [] }],
    request: { params: BranchParam },
    responses: {
      200: ok("Channels", z.object({ channels: z.array(z.enum(["inbox", "sms", "email"])) })),
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { resident } = await residentOf(c);
    const known = ["inbox", "sms", "email"] as const;
    return c.json({ channels: known.filter((k) => k === "inbox" || resident.channels.includes(k)) }, 200);
  },
);
