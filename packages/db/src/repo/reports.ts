import { previousReportingMonth, reportingMonthBounds } from "@wuye/core";
import { and, eq, sql } from "drizzle-orm";
import type { SupervisionDb } from "../client/index.ts";
import { type CorrectiveActionFact, reports } from "../schema/supervision.ts";
import type { BranchRow } from "./branch-directory.ts";

// Monthly PDCA summaries (Plan–Do–Check–Act): what came in, what was late and why, what the branch changed.
// Months are core's reporting months.

async function summary(db: SupervisionDb, orgId: string, branchId: string | null, month: string, now: number) {
  const [from, to] = reportingMonthBounds(month);
  const branch = branchId ? sql` and branch_id = ${branchId}` : sql``;
  const q = async (s: ReturnType<typeof sql>) => (await db.all(s)) as Array<Record<string, unknown>>;
  const [kinds, categories, milestones, breaches, actions] = await Promise.all([
    q(
      sql`select kind, count(*) as requests from request_facts where org_id = ${orgId}${branch} and created_at >= ${from} and created_at < ${to} group by kind order by requests desc`,
    ),
    q(
      sql`select kind, category, count(*) as requests from request_facts where org_id = ${orgId}${branch} and created_at >= ${from} and created_at < ${to} and category is not null group by kind, category order by requests desc limit 10`,
    ),
    // The outcomes of core's milestoneOutcome as of `now`, so the report's on-time rate is head office's formula.
    q(sql`select name, count(*) as started, sum(status = 'met' and met_at <= due_at) as met_on_time, sum(status = 'met' and met_at > due_at) as met_late,
            sum(status in ('open', 'paused') and due_at < ${now}) as overdue_open, sum(status = 'cancelled' and breached_at is not null) as overdue_closed,
            sum(breached_at is not null or (status = 'met' and met_at > due_at)) as breached
          from milestone_facts where org_id = ${orgId}${branch} and start_at >= ${from} and start_at < ${to} group by name order by name`),
    q(sql`select name, kind, count(*) as breaches, group_concat(distinct breach_reason) as reasons from milestone_facts
          where org_id = ${orgId}${branch} and start_at >= ${from} and start_at < ${to} and breached_at is not null group by name, kind order by breaches desc`),
    q(sql`select branch_id as branchId, category, corrective_action as action from request_facts
          where org_id = ${orgId}${branch} and created_at >= ${from} and created_at < ${to} and corrective_action is not null order by created_at`),
  ]);
  return {
    month,
    requestsByKind: kinds,
    topCategories: categories,
    milestones,
    breaches: breaches.map((b) => ({ ...b, reasons: b.reasons ? String(b.reasons).split(",") : [] })),
    // Corrective and preventive actions come from complaint summaries (step 7 of the complaint flow).
    correctiveActions: actions.map((a) => ({
      branchId: String(a.branchId),
      category: a.category === null ? null : String(a.category),
      ...(JSON.parse(String(a.action)) as CorrectiveActionFact),
    })),
  };
}

/** Called by the minute sweep: last month's reports, once per organization (the organization's is written last). */
export async function ensureMonthlyReports(db: SupervisionDb, branches: BranchRow[], now: number): Promise<number> {
  const month = previousReportingMonth(now);
  let written = 0;
  for (const orgId of new Set(branches.map((b) => b.orgId))) {
    if (await findReport(db, orgId, month, "*")) continue;
    written += await generateMonthlyReports(
      db,
      branches.filter((b) => b.orgId === orgId),
      month,
      now,
    );
  }
  return written;
}

/** Writes the month's report for each branch and for the organization, once (existing ones are kept). */
export async function generateMonthlyReports(db: SupervisionDb, branches: BranchRow[], month: string, now: number): Promise<number> {
  let written = 0;
  const orgs = new Set(branches.map((b) => b.orgId));
  const targets = [
    ...branches.map((b) => ({ orgId: b.orgId, branchId: b.id, regionId: b.regionId })),
    ...[...orgs].map((orgId) => ({ orgId, branchId: "*", regionId: null })),
  ];
  for (const t of targets) {
    const [exists] = await db
      .select({ m: reports.month })
      .from(reports)
      .where(and(eq(reports.orgId, t.orgId), eq(reports.month, month), eq(reports.branchId, t.branchId)));
    if (exists) continue;
    const content = await summary(db, t.orgId, t.branchId === "*" ? null : t.branchId, month, now);
    const res = await db
      .insert(reports)
      .values({ ...t, month, content, createdAt: now })
      .onConflictDoNothing();
    written += res.rowsAffected;
  }
  return written;
}

export async function findReport(db: SupervisionDb, orgId: string, month: string, branchId: string) {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.orgId, orgId), eq(reports.month, month), eq(reports.branchId, branchId)));
  return row ?? null;
}

export async function listReportMonths(db: SupervisionDb, orgId: string) {
  const rows = await db
    .selectDistinct({ month: reports.month })
    .from(reports)
    .where(eq(reports.orgId, orgId))
    .orderBy(sql`${reports.month} desc`);
  return rows.map((r) => r.month);
}
