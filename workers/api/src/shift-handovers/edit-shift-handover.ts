import { createRoute } from "@hono/zod-openapi";
import { Conflict, Forbidden, ShiftHandoverEditInputSchema, NotFound } from "@wuye/core";
import { editHandover, findHandover } from "@wuye/db";
import { clockOf, etagOf, expectedVersion, IdParam, IfMatchHeader, jsonBody, ok, stateResponses, throwIfStale } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ShiftHandoverView, shiftHandoverView } from "./shift-handover-view.ts";

// The outgoing shift corrects what was filled in (notes, items removed or added) until the incoming shift signs.
export const editShiftHandoverRoute = createRouter().openapi(
  createRoute({
    method: "patch",
    path: "/handovers/{id}",
    tags: ["console"],
    summary: "Correct an unsigned handover (its writer only): notes replaced, items removed or added; 409 once signed",
    security: [{ bearer: [] }],
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ShiftHandoverEditInputSchema) },
    responses: { 200: ok("The handover (ETag: its new version)", ShiftHandoverView), ...stateResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "handover.write");
    const input = c.req.valid("json");
    const { db } = c.var.tenant;
    const h = await findHandover(db, c.req.valid("param").id);
    if (!h) throw new NotFound("handover");
    if (h.writtenBy !== c.var.actor.staffId) throw new Forbidden("only the one handing over corrects the handover");
    if (h.signedAt !== null) throw new Conflict("the handover is already signed");
    const known = new Set(h.items.map((i) => i.id));
    if ((input.removeItemIds ?? []).some((id) => !known.has(id))) throw new NotFound("handover item");
    const expected = expectedVersion(c.req.valid("header")["if-match"]) ?? h.version;
    const now = clockOf(c);
    const result = await editHandover(db, {
      id: h.id,
      expectedVersion: expected,
      notes: input.notes === undefined ? undefined : input.notes || null,
      removeItemIds: input.removeItemIds ?? [],
      addItems: (input.addItems ?? []).map((text) => ({ source: "note" as const, refId: null, text })),
      now,
    });
    if (!result) throw new NotFound("handover");
    if (result === "signed") throw new Conflict("the handover is already signed");
    throwIfStale(result, expected);
    const after = (await findHandover(db, h.id))!;
    c.header("etag", etagOf(after.version));
    return c.json(shiftHandoverView(after, now), 200);
  },
);
