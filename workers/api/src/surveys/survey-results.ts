import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findSurvey, surveyAnswersOf } from "@wuye/db";
import { IdParam, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const Results = z.object({
  surveyId: z.string(),
  recipients: z.number(),
  answers: z.number(),
  responseRate: z.number().nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      count: z.number(),
      average: z.number().nullable(),
      distribution: z.record(z.string(), z.number()),
      comments: z.array(z.string()),
    }),
  ),
});

export const surveyResultsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/surveys/{id}/results",
    tags: ["console"],
    summary: "Results: response rate, per-question average and distribution (no resident identities)",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: { 200: ok("Results", Results), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    const { db } = c.var.tenant;
    const survey = await findSurvey(db, c.req.valid("param").id);
    if (!survey) throw new NotFound("survey");
    const answers = await surveyAnswersOf(db, survey.id);
    const questions = survey.questions.map((q) => {
      const given = answers.flatMap((a) => a.answers.filter((x) => x.questionId === q.id));
      const scores = given.map((g) => g.score).filter((n): n is number => typeof n === "number");
      const distribution: Record<string, number> = {};
      for (const n of scores) distribution[String(n)] = (distribution[String(n)] ?? 0) + 1;
      return {
        id: q.id,
        type: q.type,
        count: given.length,
        average: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null,
        distribution,
        comments: given.map((g) => g.text).filter((x): x is string => typeof x === "string"),
      };
    });
    return c.json(
      {
        surveyId: survey.id,
        recipients: survey.recipients,
        answers: answers.length,
        responseRate: survey.recipients ? Math.round((answers.length / survey.recipients) * 1000) / 1000 : null,
        questions,
      },
      200,
    );
  },
);
