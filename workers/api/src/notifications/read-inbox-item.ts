import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { markInboxRead } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";

export const readInboxItemRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/inbox/{id}/read",
    tags: ["console"],
    summary: "Mark an inbox item read",
    security: [{ bearer: [] }],
    request: { params: z.object({ id: z.string().min(3).max(200) }) },
    responses: { 204: { description: "Read" }, ...errorResponses },
  }),
  async (c) => {
    const ok = await markInboxRead(
      c.var.tenant.db,
      { type: "staff", id: c.var.actor.staffId },
      c.req.valid("param").id,
      c.var.services.now(),
    );
    if (!ok) throw new NotFound("unread inbox item");
    return c.body(null, 204);
  },
);
