import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, Conflict, Forbidden, mayOfferTransfer, newId, TransferInputSchema } from "@wuye/core";
import { findStaffById, pendingTransfer, writeTransfer } from "@wuye/db";
import { expectedVersion, IdParam, IfMatchHeader, jsonBody } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { changeOwnership } from "./change-ownership.ts";
import { findReadableRequest } from "../requests/readable-request.ts";

/** A request's hand-over to a colleague (转交), not the shift handover (交接班, see shift-handovers/). */
export const offerTransferRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/requests/{id}/handover",
    tags: ["workflow"],
    summary: "Offer the request to a colleague; the owner stays until they accept (首问负责制)",
    security: [{ bearer: [] }],
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(TransferInputSchema) },
    responses: {
      201: { description: "Offered", content: { "application/json": { schema: z.object({ id: z.string(), version: z.number() }) } } },
      ...errorResponses,
      409: { description: "Already offered, or not the owner", content: problemContent },
    },
  }),
  async (c) => {
    const actor = c.var.actor;
    requirePermission(actor, "request.handOver");
    const { db, branch } = c.var.tenant;
    const { toStaffId, note } = c.req.valid("json");
    const r = await findReadableRequest(db, actor, c.req.valid("param").id);
    if (!mayOfferTransfer(actor, r.ownerId)) throw new Forbidden("only the owner (or a supervisor) hands a request over");
    if (toStaffId === r.ownerId)
      throw new BadInput("already the owner", [{ path: "toStaffId", message: "this person already owns the request" }]);
    const [receiver, giver] = await Promise.all([
      findStaffById(c.var.services.control, toStaffId),
      findStaffById(c.var.services.control, actor.staffId),
    ]);
    if (!receiver || receiver.branchId !== branch.id || !receiver.active)
      throw new BadInput("unknown colleague", [{ path: "toStaffId", message: "not an active staff member of this branch" }]);
    if (await pendingTransfer(db, r.id)) throw new Conflict("a hand-over is already waiting for an answer");
    const id = newId("hov");
    const version = await changeOwnership(c, {
      request: r,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
      type: "handover.offered",
      data: { toStaffId, note: note ?? null },
      apply: (tx) =>
        writeTransfer(tx, {
          insert: {
            id,
            requestId: r.id,
            fromId: r.ownerId ?? actor.staffId,
            toId: toStaffId,
            note: note ?? null,
            status: "pending",
            createdAt: c.var.services.now(),
          },
        }),
      notices: [
        {
          type: "request.handover",
          recipients: [`staff:${toStaffId}`],
          params: { trackingCode: r.trackingCode, from: giver?.name ?? actor.staffId },
        },
      ],
    });
    return c.json({ id, version }, 201);
  },
);
