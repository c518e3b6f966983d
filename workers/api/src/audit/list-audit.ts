import { createRoute, z } from "@hono/zod-openapi";
import { listAudit } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const AuditQuery = z.strictObject({ subjectType: z.string().max(40).optional(), subjectId: z.string().max(64).optional() });
const AuditEntry = z.object({
  id: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  at: z.string(),
});

// Read-only by design: there is no route that updates or deletes audit entries.
export const listAuditRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["console"],
    summary: "Who read or changed which record, and when (branch manager only)",
    security: [{ bearer: [] }],
    request: { query: AuditQuery },
    responses: {
      200: { description: "Entries, newest first", content: { "application/json": { schema: z.object({ items: z.array(AuditEntry) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "audit.read");
    const q = c.req.valid("query");
    const rows = await listAudit(c.var.tenant.db, q.subjectType && q.subjectId ? { type: q.subjectType, id: q.subjectId } : undefined);
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          actorId: r.actorId,
          actorRole: r.actorRole,
          action: r.action,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          at: iso(r.at),
        })),
      },
      200,
    );
  },
);
