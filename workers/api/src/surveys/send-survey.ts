import { createRoute } from "@hono/zod-openapi";
import { BadInput, InvalidTransition, type MessageKey, NotFound, SurveySendInputSchema, surveyReaches, t } from "@wuye/core";
import {
  findSurvey,
  residentInboxRow,
  residentsOfClosedRequests,
  sendSurvey,
  surveyNotificationId,
  unitPlaces,
  verifiedResidentUnits,
} from "@wuye/db";
import { etagOf, expectedVersion, IdParam, IfMatchHeader, iso, jsonBody, ok, stateResponses, throwIfStale } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";
import { surveyChanged } from "./survey-changed.ts";
import { SurveyView, surveyView } from "./survey-view.ts";

export const sendSurveyRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/surveys/{id}/send",
    tags: ["console"],
    summary:
      "Send to the verified residents of a community, a building, every one, or those of requests closed since a date (portal inboxes)",
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
    const expected = expectedVersion(c.req.valid("header")["if-match"]);
    const now = s.now();
    let recipients: Array<{ id: string; locale: string }>;
    let target: Record<string, unknown>;
    if ("closedRequestsSince" in input) {
      recipients = await residentsOfClosedRequests(db, input.closedRequestsSince);
      target = { closedRequestsSince: iso(input.closedRequestsSince) };
    } else {
      const places = await unitPlaces(s.control, branch.id);
      if ("communityId" in input && !places.some((u) => u.communityId === input.communityId))
        throw new BadInput("unknown community", [{ path: "communityId", message: "not a community of this branch" }]);
      if ("buildingId" in input && !places.some((u) => u.buildingId === input.buildingId))
        throw new BadInput("unknown building", [{ path: "buildingId", message: "not a building of this branch" }]);
      // A resident is reached at the unit on their record and at every unit they filed a request from.
      const placeOf = new Map(places.map((u) => [u.id, u]));
      recipients = (await verifiedResidentUnits(db)).filter((r) =>
        surveyReaches(
          input,
          r.unitIds.flatMap((u) => placeOf.get(u) ?? []),
        ),
      );
      target = { ...input };
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
    const after = result.row;
    c.header("etag", etagOf(after.version));
    return c.json(surveyView(after), 200);
  },
);
