import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, can, Conflict, checkReply, Forbidden, newId, ReplyBlocked, recordOfKind, requestEventRow } from "@wuye/core";
import { changeRequest, meetMilestones } from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { checkVersion, etagOf, expectedVersion, IdParam, IfMatchHeader, throwIfStale } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";
import { recordOf } from "../workflow/run-step.ts";
import { ReplyText } from "./reply-text.ts";
import { findReadableRequest } from "../requests/readable-request.ts";

const ReplyBody = z.strictObject({ text: ReplyText, override: z.strictObject({ reason: z.string().trim().min(4).max(500) }).optional() });

export const sendReplyRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/requests/{id}/replies",
    tags: ["console"],
    summary: "Send a reply to the resident; blocked (422) when it uses wording to avoid, unless a supervisor overrides with a reason",
    security: [{ bearer: [] }],
    request: {
      params: IdParam,
      headers: IfMatchHeader,
      body: { content: { "application/json": { schema: ReplyBody } }, required: true },
    },
    responses: {
      201: {
        description: "Sent (ETag: the request's new version)",
        content: { "application/json": { schema: z.object({ eventId: z.string(), version: z.number() }) } },
      },
      ...errorResponses,
      412: { description: "Stale version", content: problemContent },
      422: { description: "Blocked by the language guard; `hits` names each phrase with a polite form", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.reply");
    const { db, branch } = c.var.tenant;
    const actor = c.var.actor;
    const { text, override } = c.req.valid("json");
    const request = await findReadableRequest(db, actor, c.req.valid("param").id);
    checkVersion(expectedVersion(c.req.valid("header")["if-match"]), request.version);
    if (request.kind === "complaint" && recordOfKind("complaint", await recordOf(db, request)).written) {
      throw new Conflict("a written complaint is answered in writing: draft the reply for the supervisor's approval (actions/draft-reply)");
    }
    const { settings } = await branchSettings(c.var.services, branch.id);
    const verdict = checkReply(text, settings.replyGuard);
    if (!verdict.ok && !override) throw new ReplyBlocked(verdict.hits);
    if (override && !can(actor.role, "reply.overrideGuard")) throw new Forbidden("only a supervisor may override the language guard");
    if (override && verdict.ok)
      throw new BadInput("nothing to override", [{ path: "override", message: "the reply passes the guard; send it without an override" }]);
    const now = c.var.services.now();
    const eventId = newId("evt", now);
    const outbox = requestEventRow(branch, { eventId, type: "reply.sent", requestId: request.id }, now);
    const result = await changeRequest(
      db,
      {
        requestId: request.id,
        expectedVersion: request.version,
        now,
        event: {
          id: eventId,
          requestId: request.id,
          type: "reply.sent",
          actorId: actor.staffId,
          actorRole: actor.role,
          publicNote: "reply",
          data: {
            text,
            ...(override ? { override: { reason: override.reason, by: actor.staffId, hits: verdict.hits.map((h) => h.phrase) } } : {}),
          },
          at: now,
        },
        outbox,
      },
      // A reply to the resident is the first reply (咨询 5 min) or the complaint's 24-hour response.
      (tx) => meetMilestones(tx, request.id, ["reply", "response"], actor.staffId, now),
    );
    throwIfStale(result, request.version);
    publishAfter(c, db, [outbox]);
    c.header("etag", etagOf(result.version));
    return c.json({ eventId, version: result.version }, 201);
  },
);
