import { createRoute } from "@hono/zod-openapi";
import { Conflict, Forbidden, ShiftHandoverSignInputSchema, type MessageKey, NotFound, t } from "@wuye/core";
import { findHandover, findStaffById, signHandover, staffInboxRow, staffOfBranch } from "@wuye/db";
import { clockOf, etagOf, expectedVersion, IdParam, IfMatchHeader, jsonBody, ok, stateResponses, throwIfStale } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ShiftHandoverView, shiftHandoverView } from "./shift-handover-view.ts";

export const signShiftHandoverRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/handovers/{id}/sign",
    tags: ["console"],
    summary:
      "The incoming shift signs, taking over the listed items (all when omitted); items left unsigned flag the handover to the supervisors",
    security: [{ bearer: [] }],
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ShiftHandoverSignInputSchema) },
    responses: { 200: ok("The signed handover", ShiftHandoverView), ...stateResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "handover.sign");
    const input = c.req.valid("json");
    const { branch, db } = c.var.tenant;
    const s = c.var.services;
    const h = await findHandover(db, c.req.valid("param").id);
    if (!h) throw new NotFound("handover");
    if (h.writtenBy === c.var.actor.staffId) throw new Forbidden("the incoming shift signs, not the one handing over");
    if (h.signedAt !== null) throw new Conflict("the handover is already signed");
    const expected = expectedVersion(c.req.valid("header")["if-match"]);
    const now = clockOf(c);
    const known = new Set(h.items.map((i) => i.id));
    const itemIds = input.itemIds ?? [...known];
    const unknown = itemIds.findIndex((i) => !known.has(i));
    if (unknown >= 0) throw new NotFound("handover item");
    const unsigned = h.items.length - new Set(itemIds).size;
    const supervisors = unsigned > 0 ? await staffOfBranch(s.control, branch.id, ["serviceSupervisor"]) : [];
    // The supervisor is told who handed over by name, not by a staff id.
    const writer = unsigned > 0 ? ((await findStaffById(s.control, h.writtenBy))?.name ?? h.writtenBy) : h.writtenBy;
    const inboxRows = supervisors.map((sup) =>
      staffInboxRow(sup, `ntf_hdo_${h.id}`, "handover.flagged", now, (locale) => ({
        title: t(locale, "notify.handover.flagged.title" as MessageKey, { shift: t(locale, `handover.shift.${h.shift}` as MessageKey) }),
        body: t(locale, "notify.handover.flagged.body" as MessageKey, { by: writer, n: unsigned }),
      })),
    );
    const result = await signHandover(db, {
      id: h.id,
      expectedVersion: expected ?? h.version,
      signer: c.var.actor.staffId,
      itemIds,
      note: input.note ?? null,
      now,
      flagged: unsigned > 0,
      inboxRows,
    });
    if (!result) throw new NotFound("handover");
    throwIfStale(result, expected ?? h.version);
    const after = result.row;
    c.header("etag", etagOf(after.version));
    return c.json(shiftHandoverView(after, now), 200);
  },
);
