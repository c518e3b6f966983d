import { createRoute, z } from "@hono/zod-openapi";
import { markAllInboxRead } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";

export const readAllInboxRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/inbox/read-all",
    tags: ["console"],
    summary: "Mark every item of my inbox read",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Marked", content: { "application/json": { schema: z.object({ marked: z.number().int() }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const marked = await markAllInboxRead(c.var.tenant.db, { type: "staff", id: c.var.actor.staffId }, c.var.services.now());
    return c.json({ marked }, 200);
  },
);
