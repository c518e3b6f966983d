import { createRoute } from "@hono/zod-openapi";
import { EMPTY_TALLY, onTimeRate, REPORTING_TIME_ZONE, reportingPeriod, SATISFACTION_SCALE } from "@wuye/core";
import { branchFigures } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchRank, itemsOf } from "./schemas.ts";
import { branchesInScope, jsonOrCsv, Period, scopeOf, table } from "./scope.ts";

export const branchRankingRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches",
    tags: ["hq"],
    summary: "Branch ranking (四比): compliance, overdue, complaint rate, satisfaction",
    security: [{ bearer: [] }],
    request: { query: Period },
    responses: { 200: { description: "Ranking", content: jsonOrCsv(itemsOf(BranchRank)) }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const s = c.var.services;
    const now = s.now();
    const { from, to } = reportingPeriod(q, now);
    const figures = await branchFigures(s.supervision, scopeOf(c.var.actor), from, to, now);
    const items = (await branchesInScope(c.var.services, c.var.actor))
      .map((b) => {
        const f = figures.get(b.id) ?? { requests: 0, complaints: 0, satisfaction: null, outcomes: EMPTY_TALLY, overdue: 0 };
        return {
          branch: b.slug,
          name: b.name,
          requests: f.requests,
          // The same formula, over the same milestones, as this branch's drill-down `onTimeRate`.
          compliance: onTimeRate(f.outcomes),
          overdueNow: f.overdue,
          complaintRatePer1000Units: b.unitCount ? Math.round((f.complaints / b.unitCount) * 1000 * 100) / 100 : null,
          satisfaction: f.satisfaction,
          satisfactionScale: SATISFACTION_SCALE,
        };
      })
      .sort((a, b) => (b.compliance ?? -1) - (a.compliance ?? -1) || a.overdueNow - b.overdueNow || a.branch.localeCompare(b.branch))
      .map((row, i) => ({ rank: i + 1, ...row }));
    return table(
      c,
      q.format,
      "branches",
      items,
      { items },
      {
        columns: ["rank", "branch", "name", "requests", "compliance", "overdueNow", "complaintRatePer1000Units", "satisfaction"],
        zone: () => REPORTING_TIME_ZONE,
      },
    );
  },
);
