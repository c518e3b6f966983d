import { createRoute } from "@hono/zod-openapi";
import { allowedActions, Conflict, isSatisfied, newId, RatingInputSchema, type RequestKind, requestEventRow } from "@wuye/core";
import { changeRequest, rateRequest } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { publishAfter } from "../outbox.ts";
import { recordOf, runStep } from "../workflow/run-step.ts";
import { TrackingParam } from "./schemas.ts";
import { byTrackingCode } from "./tracked-request.ts";

const RatingBody = RatingInputSchema;
/** The step a resident's rating performs when the request waits for its follow-up (回访). */
const FOLLOW_UP_STEP = "follow-up";

export const rateRequestRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/requests/{trackingCode}/rating",
    tags: ["public"],
    summary:
      "Rate a request once (1–5, satisfied or not, a comment); the tracking code is the resident's proof. A completed repair's rating is its follow-up (回访): it meets the follow-up milestone and, when not satisfied, reopens it per the branch's rule",
    request: { params: TrackingParam, body: { content: { "application/json": { schema: RatingBody } }, required: true } },
    responses: {
      201: { description: "Thank you" },
      400: errorResponses[400],
      404: errorResponses[404],
      409: { description: "Already rated", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const { branch, db, request } = await byTrackingCode(s, c.req.valid("param").trackingCode);
    const { score, comment, satisfied } = c.req.valid("json");
    const kind = request.kind as RequestKind;
    const record = await recordOf(db, request);
    if (allowedActions(kind, request.status, "resident", record).includes(FOLLOW_UP_STEP)) {
      await runStep(
        c,
        { branch, db, request, record },
        FOLLOW_UP_STEP,
        { satisfied: isSatisfied({ score, satisfied }), score, ...(comment ? { comment } : {}) },
        "resident",
        null,
      );
      return c.body(null, 201);
    }
    const now = s.now();
    const eventId = newId("evt", now);
    const outbox = requestEventRow(branch, { eventId, type: "rating.given", requestId: request.id }, now);
    // The rating, its event and its outbox row in one transaction; a second rating aborts it (409).
    await changeRequest(
      db,
      {
        requestId: request.id,
        expectedVersion: null,
        now,
        event: {
          id: eventId,
          requestId: request.id,
          type: "rating.given",
          actorId: null,
          actorRole: null,
          publicNote: "rated",
          data: { score },
          at: now,
        },
        outbox,
      },
      async (tx) => {
        if (!(await rateRequest(tx, request.id, { score, comment: comment ?? null, at: now })))
          throw new Conflict("this request was already rated");
      },
    );
    publishAfter(c, db, [outbox]);
    return c.body(null, 201);
  },
);
