import { createRoute, z } from "@hono/zod-openapi";
import {
  BadInput,
  Conflict,
  InvalidTransition,
  newId,
  NotFound,
  SurveyInputSchema,
  SurveySendInputSchema,
  t,
  type MessageKey,
} from "@wuye/core";
import {
  closeSurvey,
  findSurvey,
  insertSurvey,
  listSurveys,
  residentsInUnits,
  residentsOfClosedRequests,
  residentInboxRow,
  sendSurvey,
  surveyAnswersOf,
  surveyNotificationId,
  type SurveyRow,
  unitPlaces,
} from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";
import { IdParam, IfMatchHeader, iso, jsonBody, ok, stateResponses, surveyChanged, throwIfStale } from "./common.ts";
import { publishAfter } from "../outbox.ts";

const SurveyView = z.object({
  id: z.string(),
  title: z.string(),
  scale: z.number(),
  questions: z.array(z.object({ id: z.string(), text: z.string(), type: z.enum(["scale", "text"]) })),
  status: z.enum(["draft", "sent", "closed"]),
  target: z.record(z.string(), z.unknown()).nullable(),
  sentAt: z.string().nullable(),
  recipients: z.number(),
  version: z.number(),
});
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

export const surveyView = (r: SurveyRow) => ({
  id: r.id,
  title: r.title,
  scale: r.scale,
  questions: r.questions,
  status: r.status as "draft" | "sent" | "closed",
  target: r.target ?? null,
  sentAt: iso(r.sentAt),
  recipients: r.recipients,
  version: r.version,
});

export const surveyRoutes = createRouter()
  .openapi(
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
      await insertSurvey(c.var.tenant.db, {
        id,
        title: input.title,
        scale: input.scale,
        questions: input.questions,
        status: "draft",
        createdBy: c.var.actor.staffId,
        createdAt: now,
        updatedAt: now,
      });
      const r = (await findSurvey(c.var.tenant.db, id))!;
      c.header("etag", etagOf(r.version));
      return c.json(surveyView(r), 201);
    },
  )
  .openapi(
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
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/surveys/{id}/send",
      tags: ["console"],
      summary: "Send to the verified residents of a community, or of requests closed since a date (their portal inboxes)",
      security: [{ bearer: [] }],
      request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(SurveySendInputSchema) },
      responses: { 200: ok("Sent", SurveyView), ...stateResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "survey.manage");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const s = c.var.services;
      const survey = await findSurvey(db, c.req.valid("param").id);
      if (!survey) throw new NotFound("survey");
      if (survey.status !== "draft") throw new InvalidTransition(survey.status, "send");
      const expected = ifMatchVersion(c);
      const now = s.now();
      let recipients: Array<{ id: string; locale: string }>;
      let target: Record<string, unknown>;
      if ("communityId" in input) {
        const units = (await unitPlaces(s.control, branch.id)).filter((u) => u.communityId === input.communityId);
        if (units.length === 0)
          throw new BadInput("unknown community", [{ path: "communityId", message: "not a community of this branch" }]);
        recipients = await residentsInUnits(
          db,
          units.map((u) => u.id),
        );
        target = { communityId: input.communityId };
      } else {
        recipients = await residentsOfClosedRequests(db, input.closedRequestsSince);
        target = { closedRequestsSince: iso(input.closedRequestsSince) };
      }
      const inboxRows = recipients.map((r) =>
        residentInboxRow(r, surveyNotificationId(survey.id), "survey.invite", now, (locale) => ({
          title: t(locale, "notify.survey.title" as MessageKey, { title: survey.title }),
          body: t(locale, "notify.survey.body" as MessageKey, { title: survey.title }),
        })),
      );
      const event = surveyChanged(branch, survey.id, now);
      const result = await sendSurvey(db, {
        id: survey.id,
        expectedVersion: expected ?? survey.version,
        target,
        now,
        inboxRows,
        outbox: [event],
      });
      if (!result) throw new NotFound("survey");
      throwIfStale(result, expected ?? survey.version);
      publishAfter(c, db, [event]);
      const after = (await findSurvey(db, survey.id))!;
      c.header("etag", etagOf(after.version));
      return c.json(surveyView(after), 200);
    },
  )
  .openapi(
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
      if (!(await closeSurvey(db, survey.id, now, [event]))) throw new Conflict(`a ${survey.status} survey cannot be closed`);
      publishAfter(c, db, [event]);
      return c.json(surveyView((await findSurvey(db, survey.id))!), 200);
    },
  )
  .openapi(
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
