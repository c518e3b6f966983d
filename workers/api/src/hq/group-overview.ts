import { createRoute } from "@hono/zod-openapi";
import { REPORTING_TIME_ZONE } from "@wuye/core";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { overviewFigures } from "./overview-figures.ts";
import { Overview } from "./schemas.ts";
import { branchesInScope, COMPLIANCE_COLUMNS, jsonOrCsv, Period, scopeOf, table } from "./scope.ts";

export const groupOverviewRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/overview",
    tags: ["hq"],
    summary: "The group (or region) at a glance for a period",
    security: [{ bearer: [] }],
    request: { query: Period },
    responses: { 200: { description: "Overview", content: jsonOrCsv(Overview) }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const branches = await branchesInScope(c.var.services, c.var.actor);
    const body = await overviewFigures(
      c.var.services,
      scopeOf(c.var.actor),
      q,
      branches.reduce((s, b) => s + b.unitCount, 0),
    );
    return table(c, q.format, "overview", body.compliance, body, { columns: COMPLIANCE_COLUMNS, zone: () => REPORTING_TIME_ZONE });
  },
);
