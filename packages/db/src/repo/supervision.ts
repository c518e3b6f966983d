import { REPORTING_UTC_OFFSET_MS, reportingDay, reportingDayStart } from "@wuye/core";
import { and, asc, eq, getTableColumns, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { SupervisionDb } from "../client/index.ts";
import { batchAll } from "./versioned.ts";
import { milestoneFacts, milestoneNotices, processedEvents, requestFacts } from "../schema/supervision.ts";

export type RequestFactRow = typeof requestFacts.$inferInsert;
export type MilestoneFactRow = typeof milestoneFacts.$inferInsert;

// Rollups are per reporting day (core's reporting calendar: head office's days, whatever the branch's zone).
const DAY_MS = 86_400_000;

/** Recomputes one branch-day's rollups from its facts (cheap: one branch, one day, indexed). */
function rollupStatements(db: SupervisionDb, orgId: string, branchId: string, requestDays: number[], milestoneDays: number[]) {
  return [
    ...[...new Set(requestDays.map(reportingDayStart))].map((start) =>
      db.run(sql`insert or replace into request_rollups (org_id, region_id, branch_id, day, kind, requests, reopened, repeat_complaints, satisfaction_sum, satisfaction_count)
        select org_id, region_id, branch_id, ${reportingDay(start)}, kind, count(*), sum(reopened), sum(repeat_complaint), coalesce(sum(satisfaction), 0), count(satisfaction)
        from request_facts where org_id = ${orgId} and branch_id = ${branchId} and created_at >= ${start} and created_at < ${start + DAY_MS} group by kind`),
    ),
    ...[...new Set(milestoneDays.map(reportingDayStart))].map((start) =>
      db.run(sql`insert or replace into milestone_rollups (org_id, region_id, branch_id, day, name, met_on_time, met_late)
        select org_id, region_id, branch_id, ${reportingDay(start)}, name, sum(status = 'met' and met_at <= due_at), sum(status = 'met' and met_at > due_at)
        from milestone_facts where branch_id = ${branchId} and start_at >= ${start} and start_at < ${start + DAY_MS} group by name`),
    ),
  ];
}

/** Recomputes every rollup from the facts (after a bulk load or a repair). */
export async function rebuildRollups(db: SupervisionDb): Promise<void> {
  await batchAll(db, [
    db.run(sql`delete from request_rollups`),
    db.run(sql`delete from milestone_rollups`),
    db.run(sql`insert into request_rollups (org_id, region_id, branch_id, day, kind, requests, reopened, repeat_complaints, satisfaction_sum, satisfaction_count)
      select org_id, max(region_id), branch_id, strftime('%Y-%m-%d', (created_at + ${REPORTING_UTC_OFFSET_MS}) / 1000, 'unixepoch') as d, kind, count(*), sum(reopened), sum(repeat_complaint), coalesce(sum(satisfaction), 0), count(satisfaction)
      from request_facts group by org_id, branch_id, d, kind`),
    db.run(sql`insert into milestone_rollups (org_id, region_id, branch_id, day, name, met_on_time, met_late)
      select org_id, max(region_id), branch_id, strftime('%Y-%m-%d', (start_at + ${REPORTING_UTC_OFFSET_MS}) / 1000, 'unixepoch') as d, name, sum(status = 'met' and met_at <= due_at), sum(status = 'met' and met_at > due_at)
      from milestone_facts group by org_id, branch_id, d, name`),
  ]);
}

/** Rows per multi-row statement: far below SQLite's limit on bound variables (≈ 20 columns a row). */
const ROWS_PER_STATEMENT = 100;

/**
 * Upserts many rows in few statements (`on conflict (key) do update set c = excluded.c` for every column the
 * rows carry): building and sending one statement per row was most of the consumer's CPU.
 */
function upsertAll<T extends typeof requestFacts | typeof milestoneFacts>(
  db: SupervisionDb,
  table: T,
  key: SQLiteColumn,
  rows: Array<T["$inferInsert"]>,
) {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  // Keys are the table's own column keys, so the cast only restores what the generic loses.
  const set = Object.fromEntries(
    Object.keys(rows[0]!)
      .filter((k) => columns[k] !== key)
      .map((k) => [k, sql`excluded.${sql.identifier(columns[k]!.name)}`]),
  ) as SQLiteUpdateSetSource<T>;
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    statements.push(
      db
        .insert(table)
        .values(rows.slice(i, i + ROWS_PER_STATEMENT) as never)
        .onConflictDoUpdate({ target: key, set }),
    );
  }
  return statements;
}

/**
 * Facts of requests and their milestones, their branch-days' rollups, and the events marked processed: one
 * transaction, however many requests (a queue batch's, or one).
 */
export async function writeFacts(
  db: SupervisionDb,
  eventIds: string[],
  facts: Array<{ requestFact: RequestFactRow; milestoneFacts: MilestoneFactRow[] }>,
  now: number,
) {
  // Rollups per (org, branch): each branch-day recomputed once after all the facts are in.
  const days = new Map<string, { orgId: string; branchId: string; requestDays: number[]; milestoneDays: number[] }>();
  for (const { requestFact: r, milestoneFacts: ms } of facts) {
    const key = `${r.orgId}/${r.branchId}`;
    const d = days.get(key) ?? { orgId: r.orgId, branchId: r.branchId, requestDays: [], milestoneDays: [] };
    d.requestDays.push(r.createdAt);
    d.milestoneDays.push(...ms.map((m) => m.startAt));
    days.set(key, d);
  }
  const processed = [...new Set(eventIds)].map((eventId) => ({ eventId, processedAt: now }));
  await batchAll(db, [
    ...upsertAll(
      db,
      requestFacts,
      requestFacts.requestId,
      facts.map((f) => f.requestFact),
    ),
    ...upsertAll(
      db,
      milestoneFacts,
      milestoneFacts.milestoneId,
      facts.flatMap((f) => f.milestoneFacts),
    ),
    ...[...days.values()].flatMap((d) => rollupStatements(db, d.orgId, d.branchId, d.requestDays, d.milestoneDays)),
    processed.length > 0 && db.insert(processedEvents).values(processed).onConflictDoNothing(),
  ]);
}

/** The events of `eventIds` already processed (one query for a whole queue batch). */
export async function processedOf(db: SupervisionDb, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db.select({ id: processedEvents.eventId }).from(processedEvents).where(inArray(processedEvents.eventId, eventIds));
  return new Set(rows.map((r) => r.id));
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
  const rows = await db
    .select({ key: milestoneNotices.noticeKey })
    .from(milestoneNotices)
    .where(eq(milestoneNotices.milestoneId, milestoneId));
  return new Set(rows.map((r) => r.key));
}

export async function updateMilestoneFact(db: SupervisionDb, milestoneId: string, set: Partial<MilestoneFactRow>) {
  await db.update(milestoneFacts).set(set).where(eq(milestoneFacts.milestoneId, milestoneId));
}
