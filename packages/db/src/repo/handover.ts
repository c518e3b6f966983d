import { CLOSED_STATUSES } from "@wuye/core";
import { and, desc, eq, inArray, isNotNull, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { handoverItems, handovers, type inbox, milestones, requests } from "../schema/branch.ts";
import { batchOf, insertInboxRows, updateVersioned, type VersionedWrite } from "./versioned.ts";

// The shift handover (交接班): what the outgoing shift hands over, and the incoming shift's signature.

export type HandoverRow = typeof handovers.$inferSelect;
export type HandoverItemRow = typeof handoverItems.$inferSelect;
export type HandoverWithItems = HandoverRow & { items: HandoverItemRow[] };
type InboxRow = typeof inbox.$inferInsert;
const openRequest = notInArray(requests.status, [...CLOSED_STATUSES]);

/** The outgoing shift's open requests and every overdue milestone of an open request (for auto-fill). */
export async function handoverSources(db: BranchDb, ownerId: string, now: number) {
  const overdue = await db
    .select({
      id: milestones.id,
      requestId: milestones.requestId,
      name: milestones.name,
      status: milestones.status,
      dueAt: milestones.dueAt,
    })
    .from(milestones)
    .innerJoin(requests, eq(requests.id, milestones.requestId))
    .where(and(inArray(milestones.status, ["open", "paused"]), isNotNull(milestones.dueAt), lte(milestones.dueAt, now - 1), openRequest))
    .limit(200);
  const reqIds = [...new Set(overdue.map((m) => m.requestId))];
  const reqs = await db
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      status: requests.status,
      ownerId: requests.ownerId,
      description: requests.description,
    })
    .from(requests)
    .where(and(openRequest, or(eq(requests.ownerId, ownerId), reqIds.length ? inArray(requests.id, reqIds) : sql`0`)))
    .limit(400);
  return { requests: reqs, milestones: overdue };
}

/** A new handover with its items; returns it as written. */
export async function insertHandover(
  db: BranchDb,
  row: typeof handovers.$inferInsert,
  items: Array<typeof handoverItems.$inferInsert>,
): Promise<HandoverWithItems> {
  const [[written], ...rest] = await batchOf(db, db.insert(handovers).values(row).returning(), [
    items.length > 0 && db.insert(handoverItems).values(items).returning(),
  ]);
  const writtenItems = (rest[0] ?? []) as HandoverItemRow[];
  return { ...(written as HandoverRow), items: writtenItems.sort((a, b) => a.id.localeCompare(b.id)) };
}

async function itemsOf(db: Pick<BranchDb, "select">, id: string): Promise<HandoverItemRow[]> {
  return db.select().from(handoverItems).where(eq(handoverItems.handoverId, id)).orderBy(handoverItems.id);
}

export async function findHandover(db: BranchDb, id: string): Promise<HandoverWithItems | null> {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id)).limit(1);
  if (!row) return null;
  return { ...row, items: await itemsOf(db, id) };
}

export async function listHandovers(db: BranchDb, limit: number): Promise<HandoverWithItems[]> {
  const rows = await db.select().from(handovers).orderBy(desc(handovers.createdAt), desc(handovers.id)).limit(limit);
  const ids = rows.map((r) => r.id);
  const items = rows.length ? await db.select().from(handoverItems).where(inArray(handoverItems.handoverId, ids)) : [];
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.handoverId === r.id).sort((a, b) => a.id.localeCompare(b.id)) }));
}

/**
 * The incoming shift signs the handover and the items it takes over, once; supervisors' inbox rows if flagged.
 * Returns the handover as signed, with its items.
 */
export async function signHandover(
  db: BranchDb,
  c: {
    id: string;
    expectedVersion: number | null;
    signer: string;
    itemIds: string[];
    note: string | null;
    now: number;
    flagged: boolean;
    inboxRows: InboxRow[];
  },
): Promise<VersionedWrite<HandoverWithItems>> {
  return db.transaction(async (tx) => {
    const result = await updateVersioned(tx, handovers, {
      id: c.id,
      expectedVersion: c.expectedVersion,
      set: () => ({ signedBy: c.signer, signedAt: c.now, signNote: c.note, flaggedAt: c.flagged ? c.now : null, updatedAt: c.now }),
      where: isNull(handovers.signedAt),
    });
    if (!result?.ok) return result;
    if (c.itemIds.length) {
      await tx
        .update(handoverItems)
        .set({ signedAt: c.now, signedBy: c.signer })
        .where(and(eq(handoverItems.handoverId, c.id), inArray(handoverItems.id, c.itemIds)));
    }
    await insertInboxRows(tx, c.inboxRows);
    return { ...result, row: { ...result.row, items: await itemsOf(tx, c.id) } };
  });
}

/** Handovers written before `before`, still unsigned and not yet flagged. */
export async function lateUnsignedHandovers(db: BranchDb, before: number, limit = 50) {
  return db
    .select({ id: handovers.id, shift: handovers.shift, writtenBy: handovers.writtenBy })
    .from(handovers)
    .where(and(isNull(handovers.signedAt), isNull(handovers.flaggedAt), lte(handovers.createdAt, before)))
    .orderBy(handovers.createdAt)
    .limit(limit);
}

/** Flags an unsigned handover once, with the supervisors' inbox rows; false when signed or flagged meanwhile. */
export async function flagHandoverOnce(db: BranchDb, id: string, now: number, inboxRows: InboxRow[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = await tx
      .update(handovers)
      .set({ flaggedAt: now })
      .where(and(eq(handovers.id, id), isNull(handovers.signedAt), isNull(handovers.flaggedAt)));
    if (res.rowsAffected !== 1) return false;
    await insertInboxRows(tx, inboxRows);
    return true;
  });
}
