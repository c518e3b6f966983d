import { createRoute, z } from "@hono/zod-openapi";
import { DutyLogInputSchema, newId } from "@wuye/core";
import { insertDutyEntry, listDutyLog } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { clockOf, iso, jsonBody, ok } from "./common.ts";

const EntryView = z.object({
  id: z.string(),
  kind: z.string(),
  what: z.string(),
  handled: z.string(),
  at: z.string(),
  by: z.string(),
  byRole: z.string(),
});
const ListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// 岗位记事本: append-only; there is no route to change or remove an entry.
export const dutyLogRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/duty-log",
      tags: ["console"],
      summary: "Write a duty-log entry (岗位记事本): anything abnormal and how it was handled",
      security: [{ bearer: [] }],
      request: { body: jsonBody(DutyLogInputSchema) },
      responses: { 201: ok("Written", EntryView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "handover.write");
      const input = c.req.valid("json");
      const now = clockOf(c);
      const row = {
        id: newId("dty", now),
        kind: input.kind,
        what: input.what,
        handled: input.handled,
        at: Math.min(input.at ?? now, now),
        by: c.var.actor.staffId,
        byRole: c.var.actor.role,
        createdAt: now,
      };
      await insertDutyEntry(c.var.tenant.db, row);
      return c.json({ ...row, at: iso(row.at)! }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/duty-log",
      tags: ["console"],
      summary: "Duty-log entries, newest first",
      security: [{ bearer: [] }],
      request: { query: ListQuery },
      responses: { 200: ok("Entries", z.object({ items: z.array(EntryView) })), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "handover.write");
      const q = c.req.valid("query");
      const rows = await listDutyLog(c.var.tenant.db, {
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        limit: q.limit,
      });
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            what: r.what,
            handled: r.handled,
            at: iso(r.at)!,
            by: r.by,
            byRole: r.byRole,
          })),
        },
        200,
      );
    },
  );
