import { createRoute, z } from "@hono/zod-openapi";
import { DUTY_LOG_KINDS } from "@wuye/core";
import { listDutyLog } from "@wuye/db";
import { iso, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { DutyEntryView } from "./duty-entry-view.ts";

const ListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  kind: z.enum(DUTY_LOG_KINDS).optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: "words in what happened or how it was handled" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const listDutyEntriesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/duty-log",
    tags: ["console"],
    summary: "Duty-log entries, newest first; by time range, kind, or words (search)",
    security: [{ bearer: [] }],
    request: { query: ListQuery },
    responses: { 200: ok("Entries", z.object({ items: z.array(DutyEntryView) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "handover.write");
    const q = c.req.valid("query");
    const rows = await listDutyLog(c.var.tenant.db, {
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      kind: q.kind,
      q: q.q,
      limit: q.limit,
    });
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          what: r.what,
          handled: r.handled,
          at: iso(r.at),
          by: r.by,
          byRole: r.byRole,
        })),
      },
      200,
    );
  },
);
