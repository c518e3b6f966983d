import { createRoute } from "@hono/zod-openapi";
import { newId, NoticeDraftInputSchema, publishesAtOnce } from "@wuye/core";
import { insertNotice } from "@wuye/db";
import { auditEntry, etagOf, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { checkAudience } from "./audience.ts";
import { historyEntry, NoticeView, noticeSubject, noticeView } from "./notice-view.ts";
import { publishEmergencyNotice } from "./publish-emergency-notice.ts";

export const draftNoticeRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/notices",
    tags: ["console"],
    summary:
      "Draft a notice (物业服务信息告知), published only after the supervisor approves it; a branch manager's emergency is published at once and approved afterwards",
    security: [{ bearer: [] }],
    request: { body: jsonBody(NoticeDraftInputSchema) },
    responses: { 201: ok("The draft, or the emergency published (ETag: version)", NoticeView), ...errorResponses },
  }),
  async (c) => {
    const actor = c.var.actor;
    requirePermission(actor, "notice.draft");
    const input = c.req.valid("json");
    // A manager's emergency (停水停电) does not wait: published at once, approved after the fact (core's rule).
    if (publishesAtOnce(actor.role, input.category)) return publishEmergencyNotice(c, input);
    const { branch, db } = c.var.tenant;
    const now = c.var.services.now();
    await checkAudience(c, input.audience);
    const id = newId("ntc", now);
    const row = {
      id,
      title: input.title,
      body: input.body,
      category: input.category,
      audience: input.audience ?? null,
      status: "draft",
      publishAt: input.publishAt ?? null,
      expiresAt: input.expiresAt ?? null,
      emergency: false,
      draftedBy: actor.staffId,
      history: [historyEntry(actor, "draft", now)],
      createdAt: now,
      updatedAt: now,
    };
    const n = await insertNotice(db, row, [], auditEntry(actor, "notice.draft", noticeSubject(id), now));
    c.header("etag", etagOf(n.version));
    return c.json(noticeView(n, branch, c.var.locale, now), 201);
  },
);
