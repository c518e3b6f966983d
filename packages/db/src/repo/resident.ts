import { and, desc, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { attachments, deliveries, oneTimeCodes, outbox, requests, residents } from "../schema/branch.ts";

/** The code and the notification that carries it, in one transaction. */
export async function insertOneTimeCode(db: BranchDb, row: typeof oneTimeCodes.$inferInsert, message: typeof outbox.$inferInsert) {
  await db.batch([db.insert(oneTimeCodes).values(row), db.insert(outbox).values(message)]);
}

export async function codesSince(db: BranchDb, contact: string, since: number) {
  return db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.contact, contact), gte(oneTimeCodes.createdAt, since))).orderBy(desc(oneTimeCodes.createdAt));
}

export async function latestOpenCode(db: BranchDb, contact: string, now: number) {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.contact, contact), isNull(oneTimeCodes.usedAt), gte(oneTimeCodes.expiresAt, now)))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  return row ?? null;
}

export async function countCodeAttempt(db: BranchDb, id: string) {
  await db.update(oneTimeCodes).set({ attempts: sql`${oneTimeCodes.attempts} + 1` }).where(eq(oneTimeCodes.id, id));
}

/** Marks the code used (once: a concurrent second use finds it used) and upserts the verified resident. */
export async function consumeCode(db: BranchDb, codeId: string, resident: { id: string; phone: string; now: number }): Promise<string | null> {
  const used = await db.update(oneTimeCodes).set({ usedAt: resident.now }).where(and(eq(oneTimeCodes.id, codeId), isNull(oneTimeCodes.usedAt)));
  if (used.rowsAffected !== 1) return null;
  await db
    .insert(residents)
    .values({ id: resident.id, name: "", phone: resident.phone, verifiedAt: resident.now, createdAt: resident.now, updatedAt: resident.now })
    .onConflictDoUpdate({ target: residents.phone, set: { verifiedAt: resident.now, updatedAt: resident.now } });
  const [row] = await db.select({ id: residents.id }).from(residents).where(eq(residents.phone, resident.phone));
  return row?.id ?? null;
}

export async function findResident(db: BranchDb, id: string) {
  const [row] = await db.select().from(residents).where(eq(residents.id, id)).limit(1);
  return row ?? null;
}

/** A verified resident's requests in this branch: those they filed with their phone or that name them. */
export async function requestsOfResident(db: BranchDb, resident: { id: string; phone: string }, limit = 50) {
  return db
    .select()
    .from(requests)
    .where(or(eq(requests.residentId, resident.id), eq(requests.contactPhone, resident.phone)))
    .orderBy(desc(requests.createdAt))
    .limit(limit);
}

export async function insertAttachment(db: BranchDb, row: typeof attachments.$inferInsert) {
  await db.insert(attachments).values(row);
}

export async function findAttachment(db: BranchDb, id: string) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row ?? null;
}

export async function recordDelivery(db: BranchDb, row: typeof deliveries.$inferInsert): Promise<boolean> {
  const res = await db.insert(deliveries).values(row).onConflictDoNothing();
  return res.rowsAffected === 1;
}

export async function listDeliveries(db: BranchDb, limit = 50) {
  return db.select().from(deliveries).orderBy(desc(deliveries.createdAt)).limit(limit);
}
