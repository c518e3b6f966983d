import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, Conflict, newId, NotFound, SurveyAnswerInputSchema } from "@wuye/core";
import {
  findSurvey,
  isSurveyRecipient,
  insertSurveyAnswer,
  listInbox,
  requestsOfResident,
  surveyAnswersOfResident,
  surveysOfResident,
  writeAudit,
} from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { residentOf } from "../public/resident.ts";
import { BranchParam } from "../public/schemas.ts";
import { iso, jsonBody, ok, surveyChanged } from "./common.ts";
import { publishAfter } from "../outbox.ts";

const MySurvey = z.object({
  id: z.string(),
  title: z.string(),
  scale: z.number(),
  questions: z.array(z.object({ id: z.string(), text: z.string(), type: z.enum(["scale", "text"]) })),
  answered: z.boolean(),
});

export const residentFrontdeskRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/branches/{branch}/my/surveys",
      tags: ["public"],
      summary: "Open surveys sent to this resident",
      security: [{ bearer: [] }],
      request: { params: BranchParam },
      responses: { 200: ok("Surveys", z.object({ items: z.array(MySurvey) })), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { db, resident } = await residentOf(c);
      const rows = await surveysOfResident(db, resident.id);
      return c.json(
        { items: rows.map((r) => ({ id: r.id, title: r.title, scale: r.scale, questions: r.questions, answered: r.answered })) },
        200,
      );
    },
  )
  .openapi(
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
      const { branch, db, resident } = await residentOf(c);
      const survey = await findSurvey(db, c.req.valid("param").surveyId);
      if (!survey || !(await isSurveyRecipient(db, survey.id, resident.id))) throw new NotFound("survey");
      if (survey.status !== "sent") throw new Conflict("the survey is closed");
      const { answers } = c.req.valid("json");
      const byId = new Map(survey.questions.map((q) => [q.id, q]));
      const errors = answers.flatMap((a, i) => {
        const q = byId.get(a.questionId);
        if (!q) return [{ path: `answers.${i}.questionId`, message: "not a question of this survey" }];
        if (q.type === "scale" && (a.score === undefined || a.score > survey.scale))
          return [{ path: `answers.${i}.score`, message: `a score from 1 to ${survey.scale}` }];
        if (q.type === "text" && a.text === undefined) return [{ path: `answers.${i}.text`, message: "text expected" }];
        return [];
      });
      if (new Set(answers.map((a) => a.questionId)).size !== answers.length)
        errors.push({ path: "answers", message: "one answer per question" });
      if (errors.length) throw new BadInput("some answers are invalid", errors);
      const now = c.var.services.now();
      const event = surveyChanged(branch, survey.id, now);
      if (
        !(await insertSurveyAnswer(db, { id: newId("ans", now), surveyId: survey.id, residentId: resident.id, answers, createdAt: now }, [
          event,
        ]))
      )
        throw new Conflict("already answered");
      publishAfter(c, db, [event]);
      return c.body(null, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/branches/{branch}/my/export",
      tags: ["public"],
      summary: "A verified resident's own data, exported (the export is on record in the audit log)",
      security: [{ bearer: [] }],
      request: { params: BranchParam },
      responses: {
        200: ok(
          "The resident's data",
          z.object({
            generatedAt: z.string(),
            resident: z.record(z.string(), z.unknown()),
            requests: z.array(z.record(z.string(), z.unknown())),
            inbox: z.array(z.record(z.string(), z.unknown())),
            surveyAnswers: z.array(z.record(z.string(), z.unknown())),
          }),
        ),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { branch, db, resident } = await residentOf(c);
      const now = c.var.services.now();
      const [requests, inbox, answers] = await Promise.all([
        requestsOfResident(db, resident, 1000),
        listInbox(db, { type: "resident", id: resident.id }, 1000),
        surveyAnswersOfResident(db, resident.id),
      ]);
      await writeAudit(db, {
        id: newId("aud", now),
        actorId: resident.id,
        actorRole: "resident",
        action: "resident.export",
        subjectType: "resident",
        subjectId: resident.id,
        detail: { requests: requests.length },
        at: now,
      });
      c.header("content-disposition", `attachment; filename="${branch.slug}-my-data.json"`);
      return c.json(
        {
          generatedAt: iso(now)!,
          resident: {
            id: resident.id,
            name: resident.name,
            phone: resident.phone,
            email: resident.email,
            unitId: resident.unitId,
            locale: resident.locale,
            channels: resident.channels,
            verifiedAt: iso(resident.verifiedAt),
            createdAt: iso(resident.createdAt),
          },
          requests: requests.map((r) => ({
            trackingCode: r.trackingCode,
            kind: r.kind,
            category: r.category,
            status: r.status,
            description: r.description,
            contactName: r.contactName,
            contactPhone: r.contactPhone,
            unitId: r.unitId,
            area: r.area,
            createdAt: iso(r.createdAt),
            closedAt: iso(r.closedAt),
            satisfaction: r.satisfaction,
            ratingComment: r.ratingComment,
          })),
          inbox: inbox.items.map((i) => ({
            type: i.type,
            title: i.title,
            body: i.body,
            createdAt: iso(i.createdAt),
            readAt: iso(i.readAt),
          })),
          surveyAnswers: answers.map((a) => ({ surveyId: a.surveyId, answers: a.answers, createdAt: iso(a.createdAt) })),
        },
        200,
      );
    },
  );
