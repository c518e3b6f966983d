import { createRoute } from "@hono/zod-openapi";
import { newId, type NoticeAudience, NoticeEmergencyInputSchema } from "@wuye/core";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { insertNotice, noticeInboxRows } from "@wuye/db";
import { auditEntry, etagOf, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { checkAudience } from "./audience.ts";
import { historyEntry, NoticeView, noticeSubject, noticeView } from "./notice-view.ts";

export const publishEmergencyNoticeRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/notices/emergency",
    tags: ["console"],
    summary: "Publish an emergency or outage notice at once (branch manager); the supervisor approves it after the fact",
    security: [{ bearer: [] }],
    request: { body: jsonBody(NoticeEmergencyInputSchema) },
    responses: { 201: ok("Published, approval pending", NoticeView), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "notice.publishEmergency");
    return publishEmergencyNotice(c, c.req.valid("json"));
  },
);

/**
 * An emergency or outage notice goes out at once to every inbox of its audience, approval pending; the supervisor
 * approves it afterwards. Also what a manager's draft in the emergency category becomes (core's `publishesAtOnce`).
 */
export async function publishEmergencyNotice(
  c: Context<HonoEnv>,
  input: { title: string; body: string; audience?: NoticeAudience | undefined; expiresAt?: number | undefined },
) {
  const actor = c.var.actor;
  const { branch, db } = c.var.tenant;
  const s = c.var.services;
  const now = s.now();
  await checkAudience(c, input.audience);
  const id = newId("ntc", now);
  const row = {
    id,
    title: input.title,
    body: input.body,
    category: "emergency",
    audience: input.audience ?? null,
    status: "emergencyPending",
    publishAt: now,
    expiresAt: input.expiresAt && input.expiresAt > now ? input.expiresAt : null,
    emergency: true,
    draftedBy: actor.staffId,
    pushedAt: now,
    history: [historyEntry(actor, "publishEmergency", now)],
    createdAt: now,
    updatedAt: now,
  };
  const inboxRows = await noticeInboxRows(s.control, branch, db, row, now);
  const audit = auditEntry(actor, "notice.publishEmergency", noticeSubject(id), now, { pushed: inboxRows.length });
  const n = await insertNotice(db, row, inboxRows, audit);
  c.header("etag", etagOf(n.version));
  return c.json(noticeView(n, branch, c.var.locale, now), 201);
}
