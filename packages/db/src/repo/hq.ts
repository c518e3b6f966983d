import { reportingDay } from "@wuye/core";
import type { Client } from "@libsql/client/web";
import type { SupervisionDb } from "../client/index.ts";
import { EMPTY_TALLY, type OnTimeTally, onTimeRate } from "@wuye/core";
import { type Scope, scopeWhere } from "./scope.ts";
import { milestoneOutcomes, type OutcomeCounts } from "./on-time.ts";

// Head-office and region figures, straight SQL over the supervision database's indexed facts, always scoped.

const num = (v: unknown) => Number(v ?? 0);
const client = (db: SupervisionDb): Client => db.$client;

export interface Compliance extends OutcomeCounts {
  milestone: string;
  compliance: number | null;
}

const days = (from: number, to: number) => [reportingDay(from), reportingDay(to - 1)] as const;

/** Per milestone name: its outcomes in the period and its on-time rate (core's formula). */
export async function complianceByMilestone(db: SupervisionDb, scope: Scope, from: number, to: number, now: number): Promise<Compliance[]> {
  const byName = await milestoneOutcomes(db, scope, "name", from, to, now);
  return [...byName.keys()].sort().map((milestone) => {
    const counts = byName.get(milestone)!;
    return { milestone, ...counts, compliance: onTimeRate(counts) };
  });
}

export async function requestTotals(db: SupervisionDb, scope: Scope, from: number, to: number) {
  const w = scopeWhere(scope);
  const [d0, d1] = days(from, to);
  const byKind = await client(db).execute({
    sql: `select kind, sum(requests) as n, sum(reopened) as reopened, sum(repeat_complaints) as repeats, sum(satisfaction_sum) as sat_sum, sum(satisfaction_count) as rated
          from request_rollups where ${w.sql} and day >= ? and day <= ? group by kind order by kind`,
    args: [...w.args, d0, d1],
  });
  const sum = (k: string) => byKind.rows.reduce((s, r) => s + num(r[k]), 0);
  const rated = sum("rated");
  return {
    total: sum("n"),
    byKind: Object.fromEntries(byKind.rows.map((r) => [String(r.kind), num(r.n)])),
    reopened: sum("reopened"),
    repeatComplaints: sum("repeats"),
    satisfaction: rated ? Math.round((sum("sat_sum") / rated) * 100) / 100 : null,
  };
}

export async function overdueCount(db: SupervisionDb, scope: Scope, now: number): Promise<number> {
  const w = scopeWhere(scope);
  const res = await client(db).execute({
    sql: `select count(*) as n from milestone_facts where ${w.sql} and status in ('open','paused') and due_at < ?`,
    args: [...w.args, now],
  });
  return num(res.rows[0]?.n);
}

export async function overdueList(db: SupervisionDb, scope: Scope, now: number, limit: number) {
  const w = scopeWhere(scope);
  const res = await client(db).execute({
    sql: `select milestone_id, request_id, branch_id, name, kind, due_at, breached_at from milestone_facts
          where ${w.sql} and status in ('open','paused') and due_at < ? order by due_at asc limit ?`,
    args: [...w.args, now, limit],
  });
  return res.rows.map((r) => ({
    milestoneId: String(r.milestone_id),
    requestId: String(r.request_id),
    branchId: String(r.branch_id),
    milestone: String(r.name),
    kind: String(r.kind),
    dueAt: num(r.due_at),
    ageMinutes: Math.floor((now - num(r.due_at)) / 60_000),
  }));
}

export interface BranchFigures {
  requests: number;
  complaints: number;
  repeatComplaints: number;
  satisfaction: number | null;
  /** The branch's milestones of the period by outcome: its on-time rate is `onTimeRate(outcomes)`. */
  outcomes: OnTimeTally;
  overdue: number;
}

/** Per branch in scope: requests, complaints, satisfaction, milestone outcomes of the period, overdue now. */
export async function branchFigures(db: SupervisionDb, scope: Scope, from: number, to: number, now: number) {
  const w = scopeWhere(scope);
  const [d0, d1] = days(from, to);
  const [req, outcomes, open] = await Promise.all([
    client(db).execute({
      sql: `select branch_id, sum(requests) as n, sum(case when kind = 'complaint' then requests else 0 end) as complaints, sum(satisfaction_sum) as sat_sum, sum(satisfaction_count) as rated, sum(repeat_complaints) as repeats
            from request_rollups where ${w.sql} and day >= ? and day <= ? group by branch_id`,
      args: [...w.args, d0, d1],
    }),
    milestoneOutcomes(db, scope, "branch", from, to, now),
    client(db).execute({
      // Open clocks only, walked in branch order by their partial index (no sort, no closed milestones).
      sql: `select branch_id, count(*) as overdue
            from milestone_facts indexed by milestone_facts_open_branch_idx where ${w.sql} and status in ('open', 'paused') and due_at < ? group by branch_id`,
      args: [...w.args, now],
    }),
  ]);
  const out = new Map<string, BranchFigures>();
  const get = (id: string) =>
    out.get(id) ??
    out.set(id, { requests: 0, complaints: 0, repeatComplaints: 0, satisfaction: null, outcomes: EMPTY_TALLY, overdue: 0 }).get(id)!;
  for (const r of req.rows) {
    Object.assign(get(String(r.branch_id)), {
      requests: num(r.n),
      complaints: num(r.complaints),
      repeatComplaints: num(r.repeats),
      satisfaction: num(r.rated) ? Math.round((num(r.sat_sum) / num(r.rated)) * 100) / 100 : null,
    });
  }
  for (const [branchId, counts] of outcomes) get(branchId).outcomes = counts;
  for (const r of open.rows) get(String(r.branch_id)).overdue = num(r.overdue);
  return out;
}

/** Requests and the on-time rate per day, week or month (reporting days, Asia/Shanghai). */
export async function trends(
  db: SupervisionDb,
  scope: Scope,
  granularity: "day" | "week" | "month",
  from: number,
  to: number,
  now: number,
) {
  const bucket = granularity === "day" ? "day" : granularity === "week" ? "strftime('%Y-W%W', day)" : "substr(day, 1, 7)";
  const w = scopeWhere(scope);
  const [d0, d1] = days(from, to);
  const [req, outcomes] = await Promise.all([
    client(db).execute({
      sql: `select ${bucket} as b, sum(requests) as n from request_rollups where ${w.sql} and day >= ? and day <= ? group by b order by b`,
      args: [...w.args, d0, d1],
    }),
    milestoneOutcomes(db, scope, granularity, from, to, now),
  ]);
  const buckets = new Map<string, { bucket: string; requests: number; compliance: number | null }>();
  for (const r of req.rows) buckets.set(String(r.b), { bucket: String(r.b), requests: num(r.n), compliance: null });
  for (const [bucket, counts] of outcomes) {
    const b = buckets.get(bucket) ?? { bucket, requests: 0, compliance: null };
    b.compliance = onTimeRate(counts);
    buckets.set(bucket, b);
  }
  return [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

export async function requestFactWithMilestones(db: SupervisionDb, scope: Scope, requestId: string) {
  const w = scopeWhere(scope);
  const fact = await client(db).execute({
    sql: `select * from request_facts where request_id = ? and ${w.sql}`,
    args: [requestId, ...w.args],
  });
  const row = fact.rows[0];
  if (!row) return null;
  const ms = await client(db).execute({
    sql: "select name, start_at, due_at, status, met_at, breached_at, paused_ms from milestone_facts where request_id = ? order by start_at, name",
    args: [requestId],
  });
  return { fact: row, milestones: ms.rows };
}
