import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { SupervisionDb } from "../client/index.ts";
import { milestoneFacts, milestoneNotices, processedEvents, requestFacts } from "../schema/supervision.ts";

export type RequestFactRow = typeof requestFacts.$inferInsert;
export type MilestoneFactRow = typeof milestoneFacts.$inferInsert;

export async function isProcessed(db: SupervisionDb, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: processedEvents.eventId }).from(processedEvents).where(eq(processedEvents.eventId, eventId));
  return !!row;
}

// Head-office reporting days are Asia/Shanghai days (UTC+8, no DST), the group's calendar.
const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
export const reportingDay = (ms: number) => new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
const dayStart = (ms: number) => Math.floor((ms + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;

/** Recomputes one branch-day's rollups from its facts (cheap: one branch, one day, indexed). */
function rollupStatements(db: SupervisionDb, orgId: string, branchId: string, requestDays: number[], milestoneDays: number[]) {
  return [
    ...[...new Set(requestDays.map(dayStart))].map((start) =>
      db.run(sql`insert or replace into request_rollups (org_id, region_id, branch_id, day, kind, requests, reopened, repeat_complaints, satisfaction_sum, satisfaction_count)
        select org_id, region_id, branch_id, ${reportingDay(start)}, kind, count(*), sum(reopened), sum(repeat_complaint), coalesce(sum(satisfaction), 0), count(satisfaction)
        from request_facts where org_id = ${orgId} and branch_id = ${branchId} and created_at >= ${start} and created_at < ${start + DAY_MS} group by kind`),
    ),
    ...[...new Set(milestoneDays.map(dayStart))].map((start) =>
      db.run(sql`insert or replace into milestone_rollups (org_id, region_id, branch_id, day, name, met_on_time, met_late)
        select org_id, region_id, branch_id, ${reportingDay(start)}, name, sum(status = 'met' and met_at <= due_at), sum(status = 'met' and met_at > due_at)
        from milestone_facts where branch_id = ${branchId} and start_at >= ${start} and start_at < ${start + DAY_MS} group by name`),
    ),
  ];
}

/** Recomputes every rollup from the facts (after a bulk load or a repair). */
export async function rebuildRollups(db: SupervisionDb): Promise<void> {
  await db.batch([
    db.run(sql`delete from request_rollups`),
    db.run(sql`delete from milestone_rollups`),
    db.run(sql`insert into request_rollups (org_id, region_id, branch_id, day, kind, requests, reopened, repeat_complaints, satisfaction_sum, satisfaction_count)
      select org_id, max(region_id), branch_id, strftime('%Y-%m-%d', (created_at + ${SHANGHAI_MS}) / 1000, 'unixepoch') as d, kind, count(*), sum(reopened), sum(repeat_complaint), coalesce(sum(satisfaction), 0), count(satisfaction)
      from request_facts group by org_id, branch_id, d, kind`),
    db.run(sql`insert into milestone_rollups (org_id, region_id, branch_id, day, name, met_on_time, met_late)
      select org_id, max(region_id), branch_id, strftime('%Y-%m-%d', (start_at + ${SHANGHAI_MS}) / 1000, 'unixepoch') as d, name, sum(status = 'met' and met_at <= due_at), sum(status = 'met' and met_at > due_at)
      from milestone_facts group by org_id, branch_id, d, name`),
  ] as unknown as Parameters<typeof db.batch>[0]);
}

/** Facts of one request and its milestones, their rollups, and the event marked processed: one transaction. */
export async function writeFacts(db: SupervisionDb, eventId: string | null, request: RequestFactRow, milestones: MilestoneFactRow[], now: number) {
  const { requestId: _r, ...requestUpdate } = request;
  await db.batch([
    db.insert(requestFacts).values(request).onConflictDoUpdate({ target: requestFacts.requestId, set: requestUpdate }),
    ...milestones.map((m) => {
      const { milestoneId: _m, ...update } = m;
      return db.insert(milestoneFacts).values(m).onConflictDoUpdate({ target: milestoneFacts.milestoneId, set: update });
    }),
    ...rollupStatements(db, request.orgId, request.branchId, [request.createdAt], milestones.map((m) => m.startAt)),
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

/** The notice keys already sent, per milestone, for many milestones in one query. */
export async function sentNoticeKeysOf(db: SupervisionDb, milestoneIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (milestoneIds.length === 0) return out;
  const rows = await db
    .select({ milestoneId: milestoneNotices.milestoneId, key: milestoneNotices.noticeKey })
    .from(milestoneNotices)
    .where(inArray(milestoneNotices.milestoneId, milestoneIds));
  for (const r of rows) out.set(r.milestoneId, (out.get(r.milestoneId) ?? new Set()).add(r.key));
  return out;
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
