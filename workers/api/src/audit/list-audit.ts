import { createRoute, z } from "@hono/zod-openapi";
import { dayNumberOf, instantOf } from "@wuye/core";
import { searchAudit, staffNames } from "@wuye/db";
import { iso } from "../http/common.ts";
import { csvDownload } from "../http/csv.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const AuditQuery = z.strictObject({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(60).optional(),
  from: z.iso.date().optional().openapi({ description: "first day, in the branch's time zone" }),
  to: z.iso.date().optional().openapi({ description: "last day, inclusive" }),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  format: z.enum(["json", "csv"]).default("json"),
});
const AuditEntry = z.object({
  id: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable().openapi({ description: "the staff member's name (null for a resident acting on their own data)" }),
  actorRole: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  at: z.string(),
});

/** The instant a day (YYYY-MM-DD) starts in the branch's zone. */
const dayStart = (day: string, timeZone: string) => instantOf(timeZone, dayNumberOf(day), 0);

// Read-only by design: there is no route that updates or deletes audit entries.
export const listAuditRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["console"],
    summary: "Who read or changed which record, and when, filtered; as JSON or CSV (branch manager only)",
    security: [{ bearer: [] }],
    request: { query: AuditQuery },
    responses: {
      200: {
        description: "Entries, newest first",
        content: { "application/json": { schema: z.object({ items: z.array(AuditEntry) }) }, "text/csv": { schema: z.string() } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "audit.read");
    const q = c.req.valid("query");
    const zone = c.var.tenant.branch.timeZone;
    const rows = await searchAudit(c.var.tenant.db, {
      actorId: q.actorId,
      action: q.action,
      subjectType: q.subjectType,
      subjectId: q.subjectId,
      from: q.from ? dayStart(q.from, zone) : undefined,
      to: q.to ? instantOf(zone, dayNumberOf(q.to) + 1, 0) : undefined,
      limit: q.limit,
    });
    const names = await staffNames(
      c.var.services.control,
      rows.map((r) => r.actorId),
    );
    const items = rows.map((r) => ({
      id: r.id,
      actorId: r.actorId,
      actorName: names.get(r.actorId) ?? null,
      actorRole: r.actorRole,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      at: iso(r.at),
    }));
    if (q.format === "csv") {
      return csvDownload(
        c,
        "audit",
        items.map((i) => ({ ...i, actor: i.actorName ?? i.actorId })),
        { columns: ["at", "actor", "actorRole", "action", "subjectType", "subjectId"], instants: ["at"], zone: () => zone },
      );
    }
    return c.json({ items }, 200);
  },
);
