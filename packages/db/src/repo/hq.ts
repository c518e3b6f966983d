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

/** Per milestone name: met on time, met late, open past due, open in time; compliance = on time / decided. */
export async function complianceByMilestone(db: SupervisionDb, scope: Scope, from: number, to: number, now: number): Promise<Compliance[]> {
  const w = where(scope);
  const res = await client(db).execute({
    sql: `select name,
            sum(case when status = 'met' and met_at <= due_at then 1 else 0 end) as on_time,
            sum(case when status = 'met' and met_at > due_at then 1 else 0 end) as late,
            sum(case when status in ('open','paused') and due_at < ? then 1 else 0 end) as overdue,
            sum(case when status in ('open','paused') and (due_at is null or due_at >= ?) then 1 else 0 end) as open_in_time
          from milestone_facts where ${w.sql} and start_at >= ? and start_at < ? group by name order by name`,
    args: [now, now, ...w.args, from, to],
  });
  return res.rows.map((r) => {
    const metOnTime = num(r.on_time);
    const metLate = num(r.late);
    const overdueOpen = num(r.overdue);
    const decided = metOnTime + metLate + overdueOpen;
    return { milestone: String(r.name), metOnTime, metLate, overdueOpen, openInTime: num(r.open_in_time), compliance: decided ? Math.round((metOnTime / decided) * 1000) / 10 : null };
  });
}

export async function requestTotals(db: SupervisionDb, scope: Scope, from: number, to: number) {
  const w = where(scope);
  const byKind = await client(db).execute({
    sql: `select kind, count(*) as n, sum(reopened) as reopened, sum(repeat_complaint) as repeats, avg(satisfaction) as satisfaction, count(satisfaction) as rated
          from request_facts where ${w.sql} and created_at >= ? and created_at < ? group by kind order by kind`,
    args: [...w.args, from, to],
  });
  const kinds = Object.fromEntries(byKind.rows.map((r) => [String(r.kind), num(r.n)]));
  const total = byKind.rows.reduce((s, r) => s + num(r.n), 0);
  const reopened = byKind.rows.reduce((s, r) => s + num(r.reopened), 0);
  const repeats = byKind.rows.reduce((s, r) => s + num(r.repeats), 0);
  const rated = byKind.rows.reduce((s, r) => s + num(r.rated), 0);
  const satisfactionSum = byKind.rows.reduce((s, r) => s + num(r.satisfaction) * num(r.rated), 0);
  return { total, byKind: kinds, reopened, repeatComplaints: repeats, satisfaction: rated ? Math.round((satisfactionSum / rated) * 100) / 100 : null };
}

export async function overdueCount(db: SupervisionDb, scope: Scope, now: number): Promise<number> {
  const w = where(scope);
  const res = await client(db).execute({ sql: `select count(*) as n from milestone_facts where ${w.sql} and status in ('open','paused') and due_at < ?`, args: [...w.args, now] });
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

/** Per branch in scope: requests, complaints, overdue now, decided and on-time milestones. */
export async function branchFigures(db: SupervisionDb, scope: Scope, from: number, to: number, now: number) {
  const w = where(scope);
  const [req, ms] = await Promise.all([
    client(db).execute({
      sql: `select branch_id, count(*) as n, sum(case when kind = 'complaint' then 1 else 0 end) as complaints, avg(satisfaction) as satisfaction
            from request_facts where ${w.sql} and created_at >= ? and created_at < ? group by branch_id`,
      args: [...w.args, from, to],
    }),
    client(db).execute({
      sql: `select branch_id,
              sum(case when status = 'met' and met_at <= due_at then 1 else 0 end) as on_time,
              sum(case when (status = 'met' and met_at > due_at) or (status in ('open','paused') and due_at < ?) then 1 else 0 end) as missed,
              sum(case when status in ('open','paused') and due_at < ? then 1 else 0 end) as overdue
            from milestone_facts where ${w.sql} and start_at >= ? and start_at < ? group by branch_id`,
      args: [now, now, ...w.args, from, to],
    }),
  ]);
  const out = new Map<string, { requests: number; complaints: number; satisfaction: number | null; onTime: number; missed: number; overdue: number }>();
  const get = (id: string) => out.get(id) ?? out.set(id, { requests: 0, complaints: 0, satisfaction: null, onTime: 0, missed: 0, overdue: 0 }).get(id)!;
  for (const r of req.rows) Object.assign(get(String(r.branch_id)), { requests: num(r.n), complaints: num(r.complaints), satisfaction: r.satisfaction === null ? null : Math.round(num(r.satisfaction) * 100) / 100 });
  for (const r of ms.rows) Object.assign(get(String(r.branch_id)), { onTime: num(r.on_time), missed: num(r.missed), overdue: num(r.overdue) });
  return out;
}

/** Requests and compliance per day, week or month, in the group's time zone (Asia/Shanghai, UTC+8). */
export async function trends(db: SupervisionDb, scope: Scope, granularity: "day" | "week" | "month", from: number, to: number, now: number) {
  const fmt = granularity === "day" ? "%Y-%m-%d" : granularity === "week" ? "%Y-W%W" : "%Y-%m";
  const bucket = (col: string) => `strftime('${fmt}', (${col} + 28800000) / 1000, 'unixepoch')`;
  const w = where(scope);
  const [req, ms] = await Promise.all([
    client(db).execute({ sql: `select ${bucket("created_at")} as b, count(*) as n from request_facts where ${w.sql} and created_at >= ? and created_at < ? group by b order by b`, args: [...w.args, from, to] }),
    client(db).execute({
      sql: `select ${bucket("start_at")} as b,
              sum(case when status = 'met' and met_at <= due_at then 1 else 0 end) as on_time,
              sum(case when (status = 'met' and met_at > due_at) or (status in ('open','paused') and due_at < ?) then 1 else 0 end) as missed
            from milestone_facts where ${w.sql} and start_at >= ? and start_at < ? group by b order by b`,
      args: [now, ...w.args, from, to],
    }),
  ]);
  const buckets = new Map<string, { bucket: string; requests: number; compliance: number | null }>();
  for (const r of req.rows) buckets.set(String(r.b), { bucket: String(r.b), requests: num(r.n), compliance: null });
  for (const r of ms.rows) {
    const b = buckets.get(String(r.b)) ?? { bucket: String(r.b), requests: 0, compliance: null };
    const decided = num(r.on_time) + num(r.missed);
    b.compliance = decided ? Math.round((num(r.on_time) / decided) * 1000) / 10 : null;
    buckets.set(b.bucket, b);
  }
  return [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

export async function requestFactWithMilestones(db: SupervisionDb, scope: Scope, requestId: string) {
  const w = where(scope);
  const fact = await client(db).execute({ sql: `select * from request_facts where request_id = ? and ${w.sql}`, args: [requestId, ...w.args] });
  const row = fact.rows[0];
  if (!row) return null;
  const ms = await client(db).execute({ sql: "select name, start_at, due_at, status, met_at, breached_at, paused_ms from milestone_facts where request_id = ? order by start_at, name", args: [requestId] });
  return { fact: row, milestones: ms.rows };
}
