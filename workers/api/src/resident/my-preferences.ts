import { createRoute, z } from "@hono/zod-openapi";
import { setResidentChannels } from "@wuye/db";
import { jsonBody } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

export const myPreferencesRoute = createRouter().openapi(
  createRoute({
    method: "put",
    path: "/branches/{branch}/my/preferences",
    tags: ["public"],
    summary: "Channels a resident wants notices on (the portal inbox always gets them)",
    security: [{ bearer: [] }],
    request: { params: BranchParam, body: jsonBody(z.strictObject({ channels: z.array(z.enum(["inbox", "sms", "email"])).max(3) })) },
    responses: { 204: { description: "Saved" }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
  }),
  async (c) => {
    const { db, resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
    const channels = [...new Set(["inbox", ...c.req.valid("json").channels])];
    await setResidentChannels(db, resident.id, channels, c.var.services.now());
    return c.body(null, 204);
  },
);
