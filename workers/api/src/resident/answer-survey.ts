import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, Conflict, newId, NotFound, SurveyAnswerInputSchema, surveyAnswerErrors } from "@wuye/core";
import { findSurvey, insertSurveyAnswer, isSurveyRecipient } from "@wuye/db";
import { jsonBody } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { publishAfter } from "../outbox.ts";
import { BranchParam } from "../public/schemas.ts";
import { surveyChanged } from "../surveys/survey-changed.ts";
import { verifiedResident } from "./verified-resident.ts";

export const answerSurveyRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/my/surveys/{surveyId}/answers",
    tags: ["public"],
    summary: "Answer a survey once (scores within the survey's scale)",
    security: [{ bearer: [] }],
    request: { params: BranchParam.extend({ surveyId: z.string().min(3).max(64) }), body: jsonBody(SurveyAnswerInputSchema) },
    responses: {
      201: { description: "Thank you" },
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
      409: { description: "Already answered or closed", content: problemContent },
    },
  }),
  async (c) => {
    const params = c.req.valid("param");
    const { branch, db, resident } = await verifiedResident(c.var.services, params.branch, c.req.header("authorization"));
    const survey = await findSurvey(db, params.surveyId);
    if (!survey || !(await isSurveyRecipient(db, survey.id, resident.id))) throw new NotFound("survey");
    if (survey.status !== "sent") throw new Conflict("the survey is closed");
    const { answers } = c.req.valid("json");
    const errors = surveyAnswerErrors(survey, answers);
    if (errors.length) throw new BadInput("some answers are invalid", errors);
    const now = c.var.services.now();
    const event = surveyChanged(branch, survey.id, now);
    const answer = { id: newId("ans", now), surveyId: survey.id, residentId: resident.id, answers, createdAt: now };
    if (!(await insertSurveyAnswer(db, answer, [event]))) throw new Conflict("already answered");
    publishAfter(c, db, [event]);
    return c.body(null, 201);
  },
);
