import { createRoute } from "@hono/zod-openapi";
import { DutyLogInputSchema, newId } from "@wuye/core";
import { insertDutyEntry } from "@wuye/db";
import { clockOf, iso, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { DutyEntryView } from "./duty-entry-view.ts";

export const writeDutyEntryRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/duty-log",
    tags: ["console"],
    summary: "Write a duty-log entry (岗位记事本): anything abnormal and how it was handled",
    security: [{ bearer: [] }],
    request: { body: jsonBody(DutyLogInputSchema) },
    responses: { 201: ok("Written", DutyEntryView), ...errorResponses },
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
    return c.json({ ...row, at: iso(row.at) }, 201);
  },
);
