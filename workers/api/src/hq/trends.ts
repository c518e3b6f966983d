import { createRoute, z } from "@hono/zod-openapi";
import { REPORTING_TIME_ZONE, reportingPeriod } from "@wuye/core";
import { trends } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { itemsOf, TrendPoint } from "./schemas.ts";
import { jsonOrCsv, Period, scopeOf, table } from "./scope.ts";

const TrendQuery = Period.extend({ granularity: z.enum(["day", "week", "month"]).default("day") });

export const trendsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/trends",
    tags: ["hq"],
    summary: "Requests and compliance by day, week or month",
    security: [{ bearer: [] }],
    request: { query: TrendQuery },
    responses: { 200: { description: "Trend", content: jsonOrCsv(itemsOf(TrendPoint)) }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const now = c.var.services.now();
    const { from, to } = reportingPeriod(q, now);
    const items = await trends(c.var.services.supervision, scopeOf(c.var.actor), q.granularity, from, to, now);
    return table(
      c,
      q.format,
      "trends",
      items,
      { items },
      { columns: ["bucket", "requests", "compliance"], zone: () => REPORTING_TIME_ZONE },
    );
  },
);
