import { addTallies, onTimeRate, SATISFACTION_SCALE } from "@wuye/core";
import { complianceByMilestone, overdueCount, requestTotals, type Scope } from "@wuye/db";
import { iso } from "../http/common.ts";
import type { Services } from "../services.ts";
import { reportingPeriod } from "@wuye/core";

/** The overview's figures for a scope (the group, a region or one branch) and period. */
export async function overviewFigures(s: Services, scope: Scope, q: { from?: string | undefined; to?: string | undefined }, units: number) {
  const now = s.now();
  const { from, to } = reportingPeriod(q, now);
  const [totals, compliance, overdue] = await Promise.all([
    requestTotals(s.supervision, scope, from, to),
    complianceByMilestone(s.supervision, scope, from, to, now),
    overdueCount(s.supervision, scope, now),
  ]);
  const complaints = totals.byKind.complaint ?? 0;
  return {
    period: { from: iso(from), to: iso(to) },
    requests: totals.total,
    byKind: totals.byKind,
    onTimeRate: onTimeRate(addTallies(...compliance)),
    compliance,
    overdueNow: overdue,
    units,
    complaintRatePer1000Units: units ? Math.round((complaints / units) * 1000 * 100) / 100 : null,
    satisfaction: totals.satisfaction,
    satisfactionScale: SATISFACTION_SCALE,
    repeatComplaints: totals.repeatComplaints,
    reopenRate: totals.total ? Math.round((totals.reopened / totals.total) * 1000) / 10 : null,
  };
}
