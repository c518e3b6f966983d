import { createRoute } from "@hono/zod-openapi";
import { ShiftHandoverInputSchema, newId, selectHandoverItems } from "@wuye/core";
import { handoverSources, insertHandover } from "@wuye/db";
import { clockOf, etagOf, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ShiftHandoverView, shiftHandoverView } from "./shift-handover-view.ts";

export const writeShiftHandoverRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/handovers",
    tags: ["console"],
    summary: "Write the shift handover (交接班记录): open items are filled in from owned open requests and overdue milestones",
    security: [{ bearer: [] }],
    request: { body: jsonBody(ShiftHandoverInputSchema) },
    responses: { 201: ok("The handover, awaiting the incoming shift's signature", ShiftHandoverView), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "handover.write");
    const input = c.req.valid("json");
    const { branch, db } = c.var.tenant;
    const now = clockOf(c);
    const sources = await handoverSources(db, c.var.actor.staffId, now);
    const drafts = [
      ...selectHandoverItems({ ownerId: c.var.actor.staffId, ...sources, now, locale: c.var.locale, timeZone: branch.timeZone }),
      ...(input.items ?? []).map((text) => ({ source: "note" as const, refId: null, text })),
    ];
    const id = newId("hdo", now);
    const h = await insertHandover(
      db,
      { id, shift: input.shift, notes: input.notes ?? null, writtenBy: c.var.actor.staffId, createdAt: now, updatedAt: now },
      drafts.map((d, i) => ({
        id: `hdi_${id.slice(4)}_${String(i).padStart(3, "0")}`,
        handoverId: id,
        source: d.source,
        refId: d.refId,
        text: d.text,
      })),
    );
    c.header("etag", etagOf(h.version));
    return c.json(shiftHandoverView(h, now), 201);
  },
);
