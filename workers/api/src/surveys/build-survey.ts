import { createRoute } from "@hono/zod-openapi";
import { newId, SurveyInputSchema } from "@wuye/core";
import { insertSurvey } from "@wuye/db";
import { etagOf, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { SurveyView, surveyView } from "./survey-view.ts";

export const buildSurveyRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/surveys",
    tags: ["console"],
    summary: "Build a satisfaction survey (满意度调查): questions on a 1–5 or 1–10 scale, or free text",
    security: [{ bearer: [] }],
    request: { body: jsonBody(SurveyInputSchema) },
    responses: { 201: ok("The draft survey", SurveyView), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    const input = c.req.valid("json");
    const now = c.var.services.now();
    const id = newId("srv", now);
    const r = await insertSurvey(c.var.tenant.db, {
      id,
      title: input.title,
      scale: input.scale,
      questions: input.questions,
      status: "draft",
      createdBy: c.var.actor.staffId,
      createdAt: now,
      updatedAt: now,
    });
    c.header("etag", etagOf(r.version));
    return c.json(surveyView(r), 201);
  },
);
