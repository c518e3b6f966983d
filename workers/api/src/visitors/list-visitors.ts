import { createRoute, z } from "@hono/zod-openapi";
import { listVisitors } from "@wuye/db";
import { ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { VisitorView, visitorView } from "./visitor-view.ts";

const ListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  onSite: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const listVisitorsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/visitors",
    tags: ["console"],
    summary: "Visitor slips, newest first",
    security: [{ bearer: [] }],
    request: { query: ListQuery },
    responses: { 200: ok("Visitors", z.object({ items: z.array(VisitorView) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "visitor.register");
    const q = c.req.valid("query");
    const rows = await listVisitors(c.var.tenant.db, {
      from: q.from ? Date.parse(q.from) : undefined,
      onSite: q.onSite === "true",
      limit: q.limit,
    });
    return c.json({ items: rows.map(visitorView) }, 200);
  },
);
