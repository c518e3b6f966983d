import { and, asc, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { SupervisionDb } from "../client/index.ts";
import { milestoneFacts, milestoneNotices, processedEvents, requestFacts } from "../schema/supervision.ts";

export type RequestFactRow = typeof requestFacts.$inferInsert;
export type MilestoneFactRow = typeof milestoneFacts.$inferInsert;

export async function isProcessed(db: SupervisionDb, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: processedEvents.eventId }).from(processedEvents).where(eq(processedEvents.eventId, eventId));
  return !!row;
}

/** Facts of one request and its milestones, and the event marked processed: one transaction. */
export async function writeFacts(db: SupervisionDb, eventId: string | null, request: RequestFactRow, milestones: MilestoneFactRow[], now: number) {
  const { requestId: _r, ...requestUpdate } = request;
  await db.batch([
    db.insert(requestFacts).values(request).onConflictDoUpdate({ target: requestFacts.requestId, set: requestUpdate }),
    ...milestones.map((m) => {
      const { milestoneId: _m, ...update } = m;
      return db.insert(milestoneFacts).values(m).onConflictDoUpdate({ target: milestoneFacts.milestoneId, set: update });
    }),
    ...(eventId ? [db.insert(processedEvents).values({ eventId, processedAt: now }).onConflictDoNothing()] : []),
  ] as unknown as Parameters<typeof db.batch>[0]);
}

/** The sweep's one indexed query: milestones whose next warning, breach or escalation is due. */
export async function dueMilestoneFacts(db: SupervisionDb, now: number, limit = 500) {
  // Only what the sweep uses: decoding fewer columns is most of this query's cost.
  return db
    .select({
      milestoneId: milestoneFacts.milestoneId,
      requestId: milestoneFacts.requestId,
      branchId: milestoneFacts.branchId,
      name: milestoneFacts.name,
      kind: milestoneFacts.kind,
      dueAt: milestoneFacts.dueAt,
      schedule: milestoneFacts.schedule,
    })
    .from(milestoneFacts)
    .where(and(isNotNull(milestoneFacts.nextCheckAt), lte(milestoneFacts.nextCheckAt, now)))
    .orderBy(asc(milestoneFacts.nextCheckAt))
    .limit(limit);
}

export async function recordNotice(db: SupervisionDb, row: typeof milestoneNotices.$inferInsert): Promise<boolean> {
  const res = await db.insert(milestoneNotices).values(row).onConflictDoNothing();
  return res.rowsAffected === 1;
}

export async function sentNoticeKeys(db: SupervisionDb, milestoneId: string): Promise<Set<string>> {
  const rows = await db.select({ key: milestoneNotices.noticeKey }).from(milestoneNotices).where(eq(milestoneNotices.milestoneId, milestoneId));
  return new Set(rows.map((r) => r.key));
}

export async function updateMilestoneFact(db: SupervisionDb, milestoneId: string, set: Partial<MilestoneFactRow>) {
  await db.update(milestoneFacts).set(set).where(eq(milestoneFacts.milestoneId, milestoneId));
}

export async function countOpenMilestones(db: SupervisionDb): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(milestoneFacts).where(isNotNull(milestoneFacts.nextCheckAt));
  return Number(row?.n ?? 0);
}
