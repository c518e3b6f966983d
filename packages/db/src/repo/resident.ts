import { and, desc, eq, gte, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { type CounterStep, countUp } from "./rate-counters.ts";
import type { BranchDb } from "../client/index.ts";
import { attachments, deliveries, oneTimeCodes, outbox, requestOfDelivery, requests, residents } from "../schema/branch.ts";

/** The code and the notification that carries it, in one transaction. */
/** A code and its text message, counted against the SMS limits in the same batch (refused whole past a cap). */
export async function insertOneTimeCode(
  db: BranchDb,
  row: typeof oneTimeCodes.$inferInsert,
  message: typeof outbox.$inferInsert,
  counters: CounterStep[] = [],
) {
  const code = db.insert(oneTimeCodes).values(row);
  const text = db.insert(outbox).values(message);
  await (counters.length ? db.batch([countUp(db, counters), code, text]) : db.batch([code, text]));
}

export async function codesSince(db: BranchDb, contact: string, since: number) {
  return db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.contact, contact), gte(oneTimeCodes.createdAt, since)))
    .orderBy(desc(oneTimeCodes.createdAt));
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
  await db
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(eq(oneTimeCodes.id, id));
}

/** Marks the code used (once: a concurrent second use finds it used) and upserts the verified resident. */
export async function consumeCode(
  db: BranchDb,
  codeId: string,
  resident: { id: string; phone: string; now: number },
): Promise<string | null> {
  const used = await db
    .update(oneTimeCodes)
    .set({ usedAt: resident.now })
    .where(and(eq(oneTimeCodes.id, codeId), isNull(oneTimeCodes.usedAt)));
  if (used.rowsAffected !== 1) return null;
  // The phone just proved is the one on the resident's requests: the latest that names a unit gives the record its
  // name and unit (a record that already has them keeps them), so surveys and notices for that unit reach them.
  const [filed] = await db
    .select({ name: requests.contactName, unitId: requests.unitId })
    .from(requests)
    .where(and(eq(requests.contactPhone, resident.phone), isNotNull(requests.unitId)))
    .orderBy(desc(requests.createdAt))
    .limit(1);
  await db
    .insert(residents)
    .values({
      id: resident.id,
      name: filed?.name ?? "",
      phone: resident.phone,
      unitId: filed?.unitId ?? null,
      verifiedAt: resident.now,
      createdAt: resident.now,
      updatedAt: resident.now,
    })
    .onConflictDoUpdate({
      target: residents.phone,
      set: {
        verifiedAt: resident.now,
        updatedAt: resident.now,
        ...(filed
          ? {
              name: sql`case when ${residents.name} = '' then ${filed.name} else ${residents.name} end`,
              unitId: sql`coalesce(${residents.unitId}, ${filed.unitId})`,
            }
          : {}),
      },
    });
  const [row] = await db.select({ id: residents.id }).from(residents).where(eq(residents.phone, resident.phone));
  if (row)
    await db
      .update(requests)
      .set({ residentId: row.id })
      .where(and(eq(requests.contactPhone, resident.phone), isNull(requests.residentId)));
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

/** Records a delivery outcome; a repeat for the same notification, channel and recipient updates the row. */
export async function recordDelivery(db: BranchDb, row: typeof deliveries.$inferInsert): Promise<void> {
  await db
    .insert(deliveries)
    .values(row)
    .onConflictDoUpdate({
      target: [deliveries.notificationId, deliveries.channel, deliveries.recipient],
      set: { status: row.status, error: row.error ?? null, attempts: sql`${deliveries.attempts} + 1`, createdAt: row.createdAt },
    });
}

/** `channel|recipient` of everything already sent for a notification: what a redelivery must skip. */
export async function sentDeliveries(db: BranchDb, notificationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ channel: deliveries.channel, recipient: deliveries.recipient })
    .from(deliveries)
    .where(and(eq(deliveries.notificationId, notificationId), eq(deliveries.status, "sent")));
  return new Set(rows.map((r) => `${r.channel}|${r.recipient}`));
}

export async function deliveriesOf(db: BranchDb, notificationId: string) {
  return db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId));
}

export async function markDead(db: BranchDb, notificationId: string, reason: string) {
  await db
    .update(deliveries)
    .set({ status: "dead", error: reason })
    .where(and(eq(deliveries.notificationId, notificationId), ne(deliveries.status, "sent")));
}

export async function reviveDeliveries(db: BranchDb, notificationId: string) {
  await db
    .update(deliveries)
    .set({ status: "failed" })
    .where(and(eq(deliveries.notificationId, notificationId), eq(deliveries.status, "dead")));
}

export async function listDeliveriesByStatus(db: BranchDb, statuses: string[], limit = 100) {
  return db.select().from(deliveries).where(inArray(deliveries.status, statuses)).orderBy(desc(deliveries.createdAt)).limit(limit);
}

export type DeliveryRow = typeof deliveries.$inferSelect;

/** Everything sent (or held, or failed) about one request, oldest first: read through `deliveries_request_idx`. */
export async function deliveriesOfRequest(db: BranchDb, requestId: string, limit = 100) {
  return db
    .select()
    .from(deliveries)
    .where(eq(requestOfDelivery(deliveries.payload), requestId))
    .orderBy(deliveries.createdAt, deliveries.id)
    .limit(limit);
}

export async function setResidentChannels(db: BranchDb, residentId: string, channels: string[], now: number) {
  await db.update(residents).set({ channels, updatedAt: now }).where(eq(residents.id, residentId));
}

export async function listDeliveries(db: BranchDb, limit = 50) {
  return db.select().from(deliveries).orderBy(desc(deliveries.createdAt)).limit(limit);
}

export async function residentByPhone(db: BranchDb, phone: string) {
  const [row] = await db.select({ id: residents.id }).from(residents).where(eq(residents.phone, phone)).limit(1);
  return row ?? null;
}

/** Verified residents (who have a portal inbox). */
export async function verifiedResidents(db: BranchDb) {
  return db
    .select({ id: residents.id, unitId: residents.unitId, locale: residents.locale, phone: residents.phone })
    .from(residents)
    .where(isNotNull(residents.verifiedAt));
}
