import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, Forbidden, mayAnswerTransfer, NotFound, TransferDecisionSchema } from "@wuye/core";
import { findRequest, pendingTransfer, writeTransfer } from "@wuye/db";
import type { Context } from "hono";
import { expectedVersion, IdParam } from "../http/common.ts";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { changeOwnership } from "./change-ownership.ts";

/** The route by which the receiver answers a hand-over to a colleague (转交). */
function decideTransferRoute<W extends "accept" | "decline">(what: W) {
  return createRoute({
    method: "post",
    path: `/requests/{id}/handover/${what}`,
    tags: ["workflow"],
    summary: what === "accept" ? "Accept a hand-over: you own the request from now on" : "Decline a hand-over (the owner keeps it)",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: { content: { "application/json": { schema: TransferDecisionSchema } }, required: false } },
    responses: {
      200: {
        description: "Decided",
        content: { "application/json": { schema: z.object({ ownerId: z.string().nullable(), version: z.number() }) } },
      },
      ...errorResponses,
      409: { description: "Nothing to decide", content: problemContent },
    },
  });
}

interface TransferDecision {
  requestId: string;
  status: "accepted" | "declined";
  reason: string | undefined;
  /** The version the client saw (If-Match), or null. */
  expected: number | null;
}

/** The receiver accepts (and owns the request from now on) or declines (the owner keeps it). */
async function decideTransfer(c: Context<HonoEnv>, d: TransferDecision) {
  const actor = c.var.actor;
  requirePermission(actor, "request.handOver");
  const { db } = c.var.tenant;
  const r = await findRequest(db, { id: d.requestId });
  if (!r) throw new NotFound("request");
  const t = await pendingTransfer(db, r.id);
  if (!t) throw new Conflict("no hand-over is waiting for an answer");
  if (!mayAnswerTransfer(actor, t)) throw new Forbidden("only the receiver answers a hand-over");
  const now = c.var.services.now();
  const version = await changeOwnership(c, {
    request: r,
    expected: d.expected,
    type: `handover.${d.status}`,
    data: { transferId: t.id, from: t.fromId, to: t.toId, reason: d.reason ?? null },
    apply: (tx) =>
      writeTransfer(tx, {
        decide: {
          id: t.id,
          status: d.status,
          at: now,
          reason: d.reason ?? null,
          requestId: r.id,
          ...(d.status === "accepted" ? { newOwnerId: actor.staffId } : {}),
        },
      }),
  });
  return { ownerId: d.status === "accepted" ? actor.staffId : r.ownerId, version };
}

/** The operation answering a hand-over: `accept` or `decline`. */
export function transferDecisionOperation<W extends "accept" | "decline">(what: W) {
  return createRouter().openapi(decideTransferRoute(what), async (c) => {
    // If-Match is honoured here without being declared in the route (the document stays as it was).
    const decided = await decideTransfer(c, {
      requestId: c.req.valid("param").id,
      status: what === "accept" ? "accepted" : "declined",
      reason: c.req.valid("json").reason,
      expected: expectedVersion(c.req.header("if-match")),
    });
    return c.json(decided, 200);
  });
}
