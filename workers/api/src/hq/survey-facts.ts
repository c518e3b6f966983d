import { createRoute } from "@hono/zod-openapi";
import { reportingPeriod, surveyPercent } from "@wuye/core";
import { surveyFactsIn } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { itemsOf, SurveyRow } from "./schemas.ts";
import { branchesInScope, jsonOrCsv, Period, scopeOf, table, zoneBySlug } from "./scope.ts";
import { iso } from "../http/common.ts";

export const surveyFactsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/surveys",
    tags: ["hq"],
    summary:
      "Satisfaction surveys (满意度调查) of every branch in scope sent in the period: response rate and mean score (also as % of the scale), without who answered",
    security: [{ bearer: [] }],
    request: { query: Period },
    responses: { 200: { description: "Surveys, newest first", content: jsonOrCsv(itemsOf(SurveyRow)) }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const s = c.var.services;
    const { from, to } = reportingPeriod(q, s.now());
    const branches = await branchesInScope(c.var.services, c.var.actor);
    const slugs = new Map(branches.map((b) => [b.id, b]));
    const items = (await surveyFactsIn(s.supervision, scopeOf(c.var.actor), from, to)).map((f) => ({
      branch: slugs.get(f.branchId)?.slug ?? f.branchId,
      name: slugs.get(f.branchId)?.name ?? f.branchId,
      title: f.title,
      scale: f.scale,
      sentAt: iso(f.sentAt),
      closed: f.closedAt !== null,
      recipients: f.recipients,
      responses: f.responses,
      responseRate: f.recipients ? Math.round((f.responses / f.recipients) * 1000) / 10 : null,
      mean: f.scoreCount ? Math.round((f.scoreSum / f.scoreCount) * 100) / 100 : null,
      percent: surveyPercent(f, f.scale),
    }));
    return table(
      c,
      q.format,
      "surveys",
      items,
      { items },
      {
        columns: ["branch", "name", "title", "scale", "sentAt", "closed", "recipients", "responses", "responseRate", "mean", "percent"],
        instants: ["sentAt"],
        zone: zoneBySlug(branches),
      },
    );
  },
);
