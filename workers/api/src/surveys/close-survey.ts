import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, NotFound } from "@wuye/core";
import { closeSurvey, findSurvey } from "@wuye/db";
import { IdParam, jsonBody, ok, stateResponses } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";
import { surveyChanged } from "./survey-changed.ts";
import { SurveyView, surveyView } from "./survey-view.ts";

export const closeSurveyRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/surveys/{id}/close",
    tags: ["console"],
    summary: "Stop collecting answers",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: jsonBody(z.strictObject({})) },
    responses: { 200: ok("Closed", SurveyView), ...stateResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    const { branch, db } = c.var.tenant;
    const survey = await findSurvey(db, c.req.valid("param").id);
    if (!survey) throw new NotFound("survey");
    const now = c.var.services.now();
    const event = surveyChanged(branch, survey.id, now);
    const closed = await closeSurvey(db, survey.id, now, [event]);
    if (!closed) throw new Conflict(`a ${survey.status} survey cannot be closed`);
    publishAfter(c, db, [event]);
    return c.json(surveyView(closed), 200);
  },
);
