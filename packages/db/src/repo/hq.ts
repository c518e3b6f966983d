import { reportingDay } from "@wuye/core";
import type { Client } from "@libsql/client/web";
import type { SupervisionDb } from "../client/index.ts";

// Head-office and region figures, straight SQL over the supervision database's indexed facts.
// Every query is scoped: org always, region for a region supervisor, optionally one branch.

export interface Scope {
  orgId: string;
  regionId: string | null;
  branchId?: string | undefined;
}

function where(scope: Scope, alias = ""): { sql: string; args: Array<string | number> } {
  const p = alias ? `${alias}.` : "";
  const parts = [`${p}org_id = ?`];
  const args: Array<string | number> = [scope.orgId];
  if (scope.regionId) {
    parts.push(`${p}region_id = ?`);
    args.push(scope.regionId);
  }
  if (scope.branchId) {
    parts.push(`${p}branch_id = ?`);
    args.push(scope.branchId);
  }
  return { sql: parts.join(" and "), args };
}

const num = (v: unknown) => Number(v ?? 0);
const client = (db: SupervisionDb): Client => db.$client;

export interface Compliance {
  milestone: string;
  metOnTime: number;
  metLate: number;
  overdueOpen: number;
  openInTime: number;
  compliance: number | null;
}

const days = (from: number, to: number) => [reportingDay(from), reportingDay(to - 1)] as const;

/**
 * Per milestone name: met on time and late (from the rollups), open past due and open in time (live, from
 * the open-milestone index); compliance = on time / (on time + late + open past due).
 */
export async function complianceByMilestone(db: SupervisionDb, scope: Scope, from: number, to: number, now: number): Promise<Compliance[]> {
  const w = where(scope);
  const [d0, d1] = days(from, to);
  const [met, open] = await Promise.all([
    client(db).execute({
      sql: `select name, sum(met_on_time) as on_time, sum(met_late) as late from milestone_rollups where ${w.sql} and day >= ? and day <= ? group by name`,
      args: [...w.args, d0, d1],
    }),
    client(db).execute({
      sql: `select name, sum(case when due_at < ? then 1 else 0 end) as overdue, sum(case when due_at is null or due_at >= ? then 1 else 0 end) as open_in_time
            from milestone_facts where ${w.sql} and status in ('open','paused') and start_at >= ? and start_at < ? group by name`,
      args: [now, now, ...w.args, from, to],
    }),
  ]);
  const names = new Set([...met.rows, ...open.rows].map((r) => String(r.name)));
  return [...names].sort().map((milestone) => {
    const m = met.rows.find((r) => r.name === milestone);
    const o = open.rows.find((r) => r.name === milestone);
    const metOnTime = num(m?.on_time);
    const metLate = num(m?.late);
    const overdueOpen = num(o?.overdue);
    const decided = metOnTime + metLate + overdueOpen;
    return {
      milestone,
      metOnTime,
      metLate,
      overdueOpen,
      openInTime: num(o?.open_in_time),
      compliance: decided ? Math.round((metOnTime / decided) * 1000) / 10 : null,
    };
  });
}

export async function requestTotals(db: SupervisionDb, scope: Scope, from: number, to: number) {
  const w = where(scope);
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
  const w = where(scope);
  const res = await client(db).execute({
    sql: `select count(*) as n from milestone_facts where ${w.sql} and status in ('open','paused') and due_at < ?`,
    args: [...w.args, now],
  });
  return num(res.rows[0]?.n);
}

export async function overdueList(db: SupervisionDb, scope: Scope, now: number, limit: number) {
  const w = where(scope);
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

/** Per branch in scope: requests, complaints, overdue now, on-time and missed milestones (rollups + live open). */
export async function branchFigures(db: SupervisionDb, scope: Scope, from: number, to: number, now: number) {
  const w = where(scope);
  const [d0, d1] = days(from, to);
  const [req, met, open] = await Promise.all([
    client(db).execute({
      sql: `select branch_id, sum(requests) as n, sum(case when kind = 'complaint' then requests else 0 end) as complaints, sum(satisfaction_sum) as sat_sum, sum(satisfaction_count) as rated, sum(repeat_complaints) as repeats
            from request_rollups where ${w.sql} and day >= ? and day <= ? group by branch_id`,
      args: [...w.args, d0, d1],
    }),
    client(db).execute({
      sql: `select branch_id, sum(met_on_time) as on_time, sum(met_late) as late from milestone_rollups where ${w.sql} and day >= ? and day <= ? group by branch_id`,
      args: [...w.args, d0, d1],
    }),
    client(db).execute({
      // Open clocks only, walked in branch order by their partial index (no sort, no closed milestones).
      sql: `select branch_id, count(*) as overdue, sum(case when start_at >= ? and start_at < ? then 1 else 0 end) as missed_open
            from milestone_facts indexed by milestone_facts_open_branch_idx where ${w.sql} and status in ('open', 'paused') and due_at < ? group by branch_id`,
      args: [from, to, ...w.args, now],
    }),
  ]);
  const out = new Map<
    string,
    {
      requests: number;
      complaints: number;
      repeatComplaints: number;
      satisfaction: number | null;
      onTime: number;
      missed: number;
      overdue: number;
    }
  >();
  const get = (id: string) =>
    out.get(id) ??
    out.set(id, { requests: 0, complaints: 0, repeatComplaints: 0, satisfaction: null, onTime: 0, missed: 0, overdue: 0 }).get(id)!;
  for (const r of req.rows) {
    Object.assign(get(String(r.branch_id)), {
      requests: num(r.n),
      complaints: num(r.complaints),
      repeatComplaints: num(r.repeats),
      satisfaction: num(r.rated) ? Math.round((num(r.sat_sum) / num(r.rated)) * 100) / 100 : null,
    });
  }
  for (const r of met.rows)
    Object.assign(get(String(r.branch_id)), { onTime: num(r.on_time), missed: get(String(r.branch_id)).missed + num(r.late) });
  for (const r of open.rows) {
    const b = get(String(r.branch_id));
    b.overdue = num(r.overdue);
    b.missed += num(r.missed_open);
  }
  return out;
}

/** Requests and met-on-time share per day, week or month (reporting days, Asia/Shanghai), from the rollups. */
export async function trends(
  db: SupervisionDb,
  scope: Scope,
  granularity: "day" | "week" | "month",
  from: number,
  to: number,
  _now: number,
) {
  const bucket = granularity === "day" ? "day" : granularity === "week" ? "strftime('%Y-W%W', day)" : "substr(day, 1, 7)";
  const w = where(scope);
  const [d0, d1] = days(from, to);
  const [req, ms] = await Promise.all([
    client(db).execute({
      sql: `select ${bucket} as b, sum(requests) as n from request_rollups where ${w.sql} and day >= ? and day <= ? group by b order by b`,
      args: [...w.args, d0, d1],
    }),
    client(db).execute({
      sql: `select ${bucket} as b, sum(met_on_time) as on_time, sum(met_late) as late from milestone_rollups where ${w.sql} and day >= ? and day <= ? group by b order by b`,
      args: [...w.args, d0, d1],
    }),
  ]);
  const buckets = new Map<string, { bucket: string; requests: number; compliance: number | null }>();
  for (const r of req.rows) buckets.set(String(r.b), { bucket: String(r.b), requests: num(r.n), compliance: null });
  for (const r of ms.rows) {
    const b = buckets.get(String(r.b)) ?? { bucket: String(r.b), requests: 0, compliance: null };
    const decided = num(r.on_time) + num(r.late);
    b.compliance = decided ? Math.round((num(r.on_time) / decided) * 1000) / 10 : null;
    buckets.set(b.bucket, b);
  }
  return [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

export async function requestFactWithMilestones(db: SupervisionDb, scope: Scope, requestId: string) {
  const w = where(scope);
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
