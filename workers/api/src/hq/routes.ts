import { createRoute, z } from "@hono/zod-openapi";
import { NotFound, surveyPercent } from "@wuye/core";
import {
  branchFigures,
  type BranchRow,
  complianceByMilestone,
  findReport,
  listReportMonths,
  overdueCount,
  overdueList,
  requestFactWithMilestones,
  requestTotals,
  type Scope,
  surveyFactsIn,
  trends,
} from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { toCsv } from "./csv.ts";
import { BranchRank, itemsOf, OverdueItem, Overview, SurveyRow, TrendPoint } from "./schemas.ts";

const DAY = 86_400_000;
const Period = z.strictObject({
  from: z.iso.date().optional().openapi({ description: "first day (Asia/Shanghai), default 30 days ago" }),
  to: z.iso.date().optional().openapi({ description: "last day, inclusive; default today" }),
  format: z.enum(["json", "csv"]).default("json"),
});
const TrendQuery = Period.extend({ granularity: z.enum(["day", "week", "month"]).default("day") });
const OverdueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  format: z.enum(["json", "csv"]).default("json"),
});
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema }, "text/csv": { schema: z.string() } });

/** Days are Shanghai days: [from 00:00, to + 1 day 00:00) at UTC+8. */
function period(q: { from?: string | undefined; to?: string | undefined }, now: number) {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00+08:00`);
  const to = q.to ? day(q.to) + DAY : now;
  const from = q.from ? day(q.from) : to - 30 * DAY;
  return { from, to };
}

async function branchesInScope(c: Context<HonoEnv>): Promise<BranchRow[]> {
  const { orgId, regionId } = c.var.actor;
  return (await c.var.services.branches()).filter((b) => b.orgId === orgId && (!regionId || b.regionId === regionId));
}

function scopeOf(c: Context<HonoEnv>, branchId?: string): Scope {
  return { orgId: c.var.actor.orgId, regionId: c.var.actor.regionId, branchId };
}

/** A table as JSON or as a CSV download. */
function table(c: Context<HonoEnv>, format: "json" | "csv", name: string, rows: Array<Record<string, unknown>>, body: unknown) {
  if (format === "csv") {
    return c.body(toCsv(rows), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csv"`,
    });
  }
  return c.json(body as never, 200);
}

async function overview(c: Context<HonoEnv>, scope: Scope, q: { from?: string | undefined; to?: string | undefined }, units: number) {
  const s = c.var.services;
  const now = s.now();
  const { from, to } = period(q, now);
  const [totals, compliance, overdue] = await Promise.all([
    requestTotals(s.supervision, scope, from, to),
    complianceByMilestone(s.supervision, scope, from, to, now),
    overdueCount(s.supervision, scope, now),
  ]);
  const complaints = totals.byKind.complaint ?? 0;
  return {
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    requests: totals.total,
    byKind: totals.byKind,
    compliance,
    overdueNow: overdue,
    units,
    complaintRatePer1000Units: units ? Math.round((complaints / units) * 1000 * 100) / 100 : null,
    satisfaction: totals.satisfaction,
    repeatComplaints: totals.repeatComplaints,
    reopenRate: totals.total ? Math.round((totals.reopened / totals.total) * 1000) / 10 : null,
  };
}

export const hqRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/overview",
      tags: ["hq"],
      summary: "The group (or region) at a glance for a period",
      security: [{ bearer: [] }],
      request: { query: Period },
      responses: { 200: { description: "Overview", content: json(Overview) }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const branches = await branchesInScope(c);
      const body = await overview(
        c,
        scopeOf(c),
        q,
        branches.reduce((s, b) => s + b.unitCount, 0),
      );
      return table(c, q.format, "overview", body.compliance as never, body);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/branches",
      tags: ["hq"],
      summary: "Branch ranking (四比): compliance, overdue, complaint rate, satisfaction",
      security: [{ bearer: [] }],
      request: { query: Period },
      responses: { 200: { description: "Ranking", content: json(itemsOf(BranchRank)) }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const s = c.var.services;
      const now = s.now();
      const { from, to } = period(q, now);
      const figures = await branchFigures(s.supervision, scopeOf(c), from, to, now);
      const items = (await branchesInScope(c))
        .map((b) => {
          const f = figures.get(b.id) ?? { requests: 0, complaints: 0, satisfaction: null, onTime: 0, missed: 0, overdue: 0 };
          const decided = f.onTime + f.missed;
          return {
            branch: b.slug,
            name: b.name,
            requests: f.requests,
            compliance: decided ? Math.round((f.onTime / decided) * 1000) / 10 : null,
            overdueNow: f.overdue,
            complaintRatePer1000Units: b.unitCount ? Math.round((f.complaints / b.unitCount) * 1000 * 100) / 100 : null,
            satisfaction: f.satisfaction,
          };
        })
        .sort((a, b) => (b.compliance ?? -1) - (a.compliance ?? -1) || a.overdueNow - b.overdueNow || a.branch.localeCompare(b.branch))
        .map((row, i) => ({ rank: i + 1, ...row }));
      return table(c, q.format, "branches", items, { items });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/surveys",
      tags: ["hq"],
      summary:
        "Satisfaction surveys (满意度调查) of every branch in scope sent in the period: response rate and mean score (also as % of the scale), without who answered",
      security: [{ bearer: [] }],
      request: { query: Period },
      responses: { 200: { description: "Surveys, newest first", content: json(itemsOf(SurveyRow)) }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const s = c.var.services;
      const { from, to } = period(q, s.now());
      const slugs = new Map((await branchesInScope(c)).map((b) => [b.id, b]));
      const items = (await surveyFactsIn(s.supervision, scopeOf(c), from, to)).map((f) => ({
        branch: slugs.get(f.branchId)?.slug ?? f.branchId,
        name: slugs.get(f.branchId)?.name ?? f.branchId,
        title: f.title,
        scale: f.scale,
        sentAt: f.sentAt === null ? null : new Date(f.sentAt).toISOString(),
        closed: f.closedAt !== null,
        recipients: f.recipients,
        responses: f.responses,
        responseRate: f.recipients ? Math.round((f.responses / f.recipients) * 1000) / 10 : null,
        mean: f.scoreCount ? Math.round((f.scoreSum / f.scoreCount) * 100) / 100 : null,
        percent: surveyPercent(f, f.scale),
      }));
      return table(c, q.format, "surveys", items, { items });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/trends",
      tags: ["hq"],
      summary: "Requests and compliance by day, week or month",
      security: [{ bearer: [] }],
      request: { query: TrendQuery },
      responses: { 200: { description: "Trend", content: json(itemsOf(TrendPoint)) }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const now = c.var.services.now();
      const { from, to } = period(q, now);
      const items = await trends(c.var.services.supervision, scopeOf(c), q.granularity, from, to, now);
      return table(c, q.format, "trends", items, { items });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/overdue",
      tags: ["hq"],
      summary: "Milestones overdue now, oldest first, with their age",
      security: [{ bearer: [] }],
      request: { query: OverdueQuery },
      responses: { 200: { description: "Overdue", content: json(itemsOf(OverdueItem)) }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const slugs = new Map((await branchesInScope(c)).map((b) => [b.id, b.slug]));
      const rows = await overdueList(c.var.services.supervision, scopeOf(c), c.var.services.now(), q.limit);
      const items = rows.map(({ branchId, dueAt, ...r }) => ({
        branch: slugs.get(branchId) ?? branchId,
        ...r,
        dueAt: new Date(dueAt).toISOString(),
      }));
      return table(c, q.format, "overdue", items, { items });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/branches/{branch}",
      tags: ["hq"],
      summary: "Drill-down: one branch's overview (404 outside your scope)",
      security: [{ bearer: [] }],
      request: { params: z.object({ branch: z.string().max(60) }), query: Period },
      responses: { 200: { description: "Overview", content: json(Overview) }, ...errorResponses },
    }),
    async (c) => {
      const branch = (await branchesInScope(c)).find((b) => b.slug === c.req.valid("param").branch);
      if (!branch) throw new NotFound("branch");
      const q = c.req.valid("query");
      const body = { branch: branch.slug, name: branch.name, ...(await overview(c, scopeOf(c, branch.id), q, branch.unitCount)) };
      return table(c, q.format, `branch-${branch.slug}`, body.compliance as never, body);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/requests/{id}",
      tags: ["hq"],
      summary: "One request's PII-free facts and milestone timeline (404 outside your scope)",
      security: [{ bearer: [] }],
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: { description: "Facts", content: { "application/json": { schema: z.unknown() } } }, ...errorResponses },
    }),
    async (c) => {
      const found = await requestFactWithMilestones(c.var.services.supervision, scopeOf(c), c.req.valid("param").id);
      if (!found) throw new NotFound("request");
      const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
      const f = found.fact;
      const slug = (await branchesInScope(c)).find((b) => b.id === f.branch_id)?.slug ?? null;
      return c.json(
        {
          requestId: String(f.request_id),
          branch: slug,
          kind: String(f.kind),
          category: f.category === null ? null : String(f.category),
          urgency: String(f.urgency),
          channel: String(f.channel),
          status: String(f.status),
          createdAt: iso(f.created_at),
          closedAt: iso(f.closed_at),
          milestones: found.milestones.map((m) => ({
            name: String(m.name),
            startAt: iso(m.start_at),
            dueAt: iso(m.due_at),
            status: String(m.status),
            metAt: iso(m.met_at),
            breachedAt: iso(m.breached_at),
            pausedMinutes: Math.round(Number(m.paused_ms) / 60_000),
          })),
        } as never,
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/reports",
      tags: ["hq"],
      summary: "Months with a PDCA report",
      security: [{ bearer: [] }],
      responses: {
        200: { description: "Months", content: { "application/json": { schema: z.object({ months: z.array(z.string()) }) } } },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ months: await listReportMonths(c.var.services.supervision, c.var.actor.orgId) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/reports/{month}",
      tags: ["hq"],
      summary: "A month's PDCA report for the organization, or for one branch (?branch=slug); CSV of its breaches",
      security: [{ bearer: [] }],
      request: {
        params: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
        query: z.strictObject({ branch: z.string().max(60).optional(), format: z.enum(["json", "csv"]).default("json") }),
      },
      responses: { 200: { description: "Report", content: json(z.unknown()) }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const month = c.req.valid("param").month;
      let branchId = "*";
      if (q.branch) {
        const branch = (await branchesInScope(c)).find((b) => b.slug === q.branch);
        if (!branch) throw new NotFound("branch");
        branchId = branch.id;
      } else if (c.var.actor.regionId) {
        throw new NotFound("organization report"); // a region sees its own branches' reports only
      }
      const report = await findReport(c.var.services.supervision, c.var.actor.orgId, month, branchId);
      if (!report) throw new NotFound("report");
      const content = report.content as { breaches?: Array<Record<string, unknown>> };
      return table(c, q.format, `pdca-${month}-${q.branch ?? "group"}`, content.breaches ?? [], {
        month,
        branch: q.branch ?? null,
        ...report.content,
      });
    },
  );
