import { and, eq, inArray, isNull } from "drizzle-orm";
import { searchAudit } from "./audit.ts";
import type { BranchDb } from "../client/index.ts";
import { auditLog, milestonePauses, milestones, outbox, requestEvents, requests } from "../schema/branch.ts";

export type RequestRow = typeof requests.$inferSelect;
export type RequestEventRow = typeof requestEvents.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;

export async function findRequest(db: BranchDb, by: { id: string } | { trackingCode: string }): Promise<RequestRow | null> {
  const where = "id" in by ? eq(requests.id, by.id) : eq(requests.trackingCode, by.trackingCode);
  const [row] = await db.select().from(requests).where(where).limit(1);
  return row ?? null;
}

export async function requestTimeline(db: BranchDb, requestId: string) {
  const [events, ms] = await Promise.all([
    db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(requestEvents.at, requestEvents.id),
    db.select().from(milestones).where(eq(milestones.requestId, requestId)).orderBy(milestones.startAt, milestones.name),
  ]);
  return { events, milestones: ms };
}

export async function milestonesOf(db: BranchDb, requestIds: string[]): Promise<MilestoneRow[]> {
  if (requestIds.length === 0) return [];
  return db.select().from(milestones).where(inArray(milestones.requestId, requestIds));
}

export async function writeAudit(db: BranchDb, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

export async function listAudit(db: BranchDb, subject?: { type: string; id: string }, limit = 100) {
  return searchAudit(db, { subjectType: subject?.type, subjectId: subject?.id, limit });
}

export async function milestonePausesOf(db: BranchDb, milestoneIds: string[]) {
  if (milestoneIds.length === 0) return [];
  return db.select().from(milestonePauses).where(inArray(milestonePauses.milestoneId, milestoneIds));
}

export async function markMilestoneBreached(db: BranchDb, milestoneId: string, at: number) {
  await db
    .update(milestones)
    .set({ breachedAt: at, updatedAt: at })
    .where(and(eq(milestones.id, milestoneId), isNull(milestones.breachedAt)));
}

/** Inserts outbox rows whose ids are deterministic: a repeated insert is ignored (exactly once). */
export async function enqueueOnce(db: BranchDb, rows: Array<typeof outbox.$inferInsert>): Promise<number> {
  if (rows.length === 0) return 0;
  const res = await db.insert(outbox).values(rows).onConflictDoNothing();
  return res.rowsAffected;
}

/** Records the resident's rating once (inside `changeRequest`); false when the request was already rated. */
export async function rateRequest(
  db: Pick<BranchDb, "update">,
  requestId: string,
  rating: { score: number; comment: string | null; at: number },
): Promise<boolean> {
  const res = await db
    .update(requests)
    .set({ satisfaction: rating.score, ratingComment: rating.comment, ratedAt: rating.at })
    .where(and(eq(requests.id, requestId), isNull(requests.ratedAt)));
  return res.rowsAffected === 1;
}
