import { EMPTY_TALLY, type OnTimeTally, REPORTING_UTC_OFFSET_MS, reportingDay } from "@wuye/core";
import type { SupervisionDb } from "../client/index.ts";
import { type Scope, scopeWhere } from "./scope.ts";

// The milestones of a period counted by core's `milestoneOutcome`, grouped by milestone name, branch or
// time bucket: one query shape for the overview, the drill-down, the ranking and the trends, so their
// on-time rates (core's `onTimeRate`) agree. A milestone belongs to the reporting day its clock started.
// Met on time / late come from the rollups; open and closed-unmet milestones from the facts, live.

export type OutcomeGroup = "name" | "branch" | "day" | "week" | "month";
export type OutcomeCounts = OnTimeTally & { openInTime: number };

const SHANGHAI_MS = REPORTING_UTC_OFFSET_MS;
const DAY_MS = 86_400_000;
const START_DAY = `strftime('%Y-%m-%d', (start_at + ${SHANGHAI_MS}) / 1000, 'unixepoch')`;

/** The group key over a rollup's `day` column or a fact's start, for each grouping. */
function groupKey(group: OutcomeGroup, day: string): string {
  switch (group) {
    case "name":
      return "name";
    case "branch":
      return "branch_id";
    case "day":
      return day;
    case "week":
      return `strftime('%Y-W%W', ${day})`;
    case "month":
      return `substr(${day}, 1, 7)`;
  }
}

/** The period as whole reporting days: [first day 00:00, last day + 1 00:00) in Asia/Shanghai. */
export function reportingDays(from: number, to: number) {
  const start = Math.floor((from + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
  const end = Math.floor((to - 1 + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS + DAY_MS;
  return { start, end, firstDay: reportingDay(start), lastDay: reportingDay(end - 1) };
}

export async function milestoneOutcomes(
  db: SupervisionDb,
  scope: Scope,
  group: OutcomeGroup,
  from: number,
  to: number,
  now: number,
): Promise<Map<string, OutcomeCounts>> {
  const w = scopeWhere(scope);
  const { start, end, firstDay, lastDay } = reportingDays(from, to);
  const client = db.$client;
  const [met, open, closed] = await Promise.all([
    client.execute({
      sql: `select ${groupKey(group, "day")} as g, sum(met_on_time) as on_time, sum(met_late) as late
            from milestone_rollups where ${w.sql} and day >= ? and day <= ? group by g`,
      args: [...w.args, firstDay, lastDay],
    }),
    client.execute({
      // Covered by milestone_facts_open_idx: no table lookups for the open clocks.
      sql: `select ${groupKey(group, START_DAY)} as g, sum(due_at < ?) as overdue, sum(due_at is null or due_at >= ?) as in_time
            from milestone_facts where ${w.sql} and status in ('open', 'paused') and start_at >= ? and start_at < ? group by g`,
      args: [now, now, ...w.args, start, end],
    }),
    client.execute({
      sql: `select ${groupKey(group, START_DAY)} as g, count(*) as overdue
            from milestone_facts where ${w.sql} and status = 'cancelled' and start_at >= ? and start_at < ? and breached_at is not null group by g`,
      args: [...w.args, start, end],
    }),
  ]);
  const out = new Map<string, OutcomeCounts>();
  const at = (g: unknown) => {
    const key = String(g);
    return out.get(key) ?? out.set(key, { ...EMPTY_TALLY, openInTime: 0 }).get(key)!;
  };
  const num = (v: unknown) => Number(v ?? 0);
  for (const r of met.rows) Object.assign(at(r.g), { metOnTime: num(r.on_time), metLate: num(r.late) });
  for (const r of open.rows) Object.assign(at(r.g), { overdueOpen: num(r.overdue), openInTime: num(r.in_time) });
  for (const r of closed.rows) at(r.g).overdueClosed = num(r.overdue);
  return out;
}
