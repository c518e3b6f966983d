import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { overviewFigures } from "./overview-figures.ts";
import { Overview } from "./schemas.ts";
import { branchesInScope, COMPLIANCE_COLUMNS, jsonOrCsv, Period, scopeOf, table } from "./scope.ts";

export const branchOverviewRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}",
    tags: ["hq"],
    summary: "Drill-down: one branch's overview (404 outside your scope)",
    security: [{ bearer: [] }],
    request: { params: z.object({ branch: z.string().max(60) }), query: Period },
    responses: { 200: { description: "Overview", content: jsonOrCsv(Overview) }, ...errorResponses },
  }),
  async (c) => {
    const branch = (await branchesInScope(c.var.services, c.var.actor)).find((b) => b.slug === c.req.valid("param").branch);
    if (!branch) throw new NotFound("branch");
    const q = c.req.valid("query");
    const body = {
      branch: branch.slug,
      name: branch.name,
      ...(await overviewFigures(c.var.services, scopeOf(c.var.actor, branch.id), q, branch.unitCount)),
    };
    return table(c, q.format, `branch-${branch.slug}`, body.compliance, body, { columns: COMPLIANCE_COLUMNS, zone: () => branch.timeZone });
  },
);
