import { createRoute, z } from "@hono/zod-openapi";
import { listSurveys } from "@wuye/db";
import { ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { SurveyView, surveyView } from "./survey-view.ts";

export const listSurveysRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/surveys",
    tags: ["console"],
    summary: "Surveys of the branch",
    security: [{ bearer: [] }],
    responses: { 200: ok("Surveys", z.object({ items: z.array(SurveyView) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    return c.json({ items: (await listSurveys(c.var.tenant.db, 100)).map(surveyView) }, 200);
  },
);
