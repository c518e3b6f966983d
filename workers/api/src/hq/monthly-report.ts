import { createRoute, z } from "@hono/zod-openapi";
import { NotFound, REPORTING_TIME_ZONE } from "@wuye/core";
import { findReport } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { branchesInScope, jsonOrCsv, table } from "./scope.ts";

export const monthlyReportRoute = createRouter().openapi(
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
    responses: { 200: { description: "Report", content: jsonOrCsv(z.unknown()) }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const month = c.req.valid("param").month;
    let branchId = "*";
    let zone = REPORTING_TIME_ZONE;
    if (q.branch) {
      const branch = (await branchesInScope(c.var.services, c.var.actor)).find((b) => b.slug === q.branch);
      if (!branch) throw new NotFound("branch");
      branchId = branch.id;
      zone = branch.timeZone;
    } else if (c.var.actor.regionId) {
      throw new NotFound("organization report"); // a region sees its own branches' reports only
    }
    const report = await findReport(c.var.services.supervision, c.var.actor.orgId, month, branchId);
    if (!report) throw new NotFound("report");
    const content = report.content as { breaches?: Array<{ name: string; kind: string; breaches: number; reasons: string[] }> };
    const breaches = (content.breaches ?? []).map((b) => ({
      milestone: b.name,
      kind: b.kind,
      breaches: b.breaches,
      reasons: b.reasons.join("; "),
    }));
    return table(
      c,
      q.format,
      `pdca-${month}-${q.branch ?? "group"}`,
      breaches,
      { month, branch: q.branch ?? null, ...report.content },
      { columns: ["milestone", "kind", "breaches", "reasons"], zone: () => zone },
    );
  },
);
