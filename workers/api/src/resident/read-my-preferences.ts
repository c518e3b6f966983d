import { createRoute, z } from "@hono/zod-openapi";
import { ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

const CHANNELS = ["inbox", "sms", "email"] as const;

/** The channels a verified resident chose (the portal inbox always among them), for the 我的 page's switches. */
export const readMyPreferencesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/my/preferences",
    tags: ["public"],
    summary: "The channels this resident gets notices on",
    security: [{ bearer: [] }],
    request: { params: BranchParam },
    responses: {
      200: ok("Channels", z.object({ channels: z.array(z.enum(CHANNELS)) })),
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
    return c.json({ channels: CHANNELS.filter((k) => k === "inbox" || resident.channels.includes(k)) }, 200);
  },
);
