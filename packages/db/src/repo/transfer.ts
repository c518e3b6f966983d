import { CLOSED_STATUSES } from "@wuye/core";
import { and, eq, isNull, notInArray, or } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { ownershipTransfers, requests } from "../schema/branch.ts";
import type { BranchTx as Tx } from "./versioned.ts";

// Who owns a request (首问负责制): taking it from the duty, handing it over to a colleague (转交), the owner's open items.

export async function pendingTransfer(db: BranchDb, requestId: string) {
  const [row] = await db
    .select()
    .from(ownershipTransfers)
    .where(and(eq(ownershipTransfers.requestId, requestId), eq(ownershipTransfers.status, "pending")));
  return row ?? null;
}

export async function transfersTo(db: BranchDb, staffId: string) {
  return db
    .select({
      id: ownershipTransfers.id,
      requestId: ownershipTransfers.requestId,
      fromId: ownershipTransfers.fromId,
      note: ownershipTransfers.note,
      createdAt: ownershipTransfers.createdAt,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
    })
    .from(ownershipTransfers)
    .innerJoin(requests, eq(requests.id, ownershipTransfers.requestId))
    .where(and(eq(ownershipTransfers.toId, staffId), eq(ownershipTransfers.status, "pending")))
    .orderBy(ownershipTransfers.createdAt);
}

/** Offers, accepts or declines a hand-over inside the request's change transaction. */
export async function writeTransfer(
  tx: Tx,
  t: {
    insert?: typeof ownershipTransfers.$inferInsert;
    decide?: { id: string; status: "accepted" | "declined"; at: number; reason?: string | null; newOwnerId?: string; requestId: string };
  },
) {
  if (t.insert) await tx.insert(ownershipTransfers).values(t.insert);
  if (t.decide) {
    const res = await tx
      .update(ownershipTransfers)
      .set({ status: t.decide.status, decidedAt: t.decide.at, reason: t.decide.reason ?? null })
      .where(and(eq(ownershipTransfers.id, t.decide.id), eq(ownershipTransfers.status, "pending")));
    if (res.rowsAffected !== 1) throw new Error("hand-over already decided");
    if (t.decide.newOwnerId)
      await tx.update(requests).set({ ownerId: t.decide.newOwnerId, ownerByDuty: false }).where(eq(requests.id, t.decide.requestId));
  }
}

/** Takes a request still held by the duty (or by nobody); false when someone took it first. */
export async function takeRequest(tx: Tx, requestId: string, staffId: string): Promise<boolean> {
  const res = await tx
    .update(requests)
    .set({ ownerId: staffId, ownerByDuty: false })
    .where(and(eq(requests.id, requestId), or(isNull(requests.ownerId), eq(requests.ownerByDuty, true))));
  return res.rowsAffected === 1;
}

/** The owner's open items, for the shift. */
export async function openItemsOf(db: BranchDb, ownerId: string) {
  return db
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      status: requests.status,
      urgency: requests.urgency,
      createdAt: requests.createdAt,
    })
    .from(requests)
    .where(and(eq(requests.ownerId, ownerId), notInArray(requests.status, [...CLOSED_STATUSES])))
    .orderBy(requests.createdAt);
}
