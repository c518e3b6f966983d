import { createRoute, type z } from "@hono/zod-openapi";
import { NOTICE_ACTION_PERMISSION, type NoticeAction, type NoticeStatus, NotFound, nextNoticeStatus } from "@wuye/core";
import { changeNotice, findNotice, type NoticeRow, noticeInboxRows } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { auditEntry, etagOf, IdParam, IfMatchHeader, jsonBody, ok, stateResponses, throwIfStale } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import { historyEntry, NoticeView, noticeSubject, noticeView } from "./notice-view.ts";

/** The route of one state-machine action on a notice (`/notices/{id}/<action>`). */
export const noticeActionRoute = <P extends string, B extends z.ZodType>(path: P, summary: string, body: B) =>
  createRoute({
    method: "post",
    path: `/notices/{id}/${path}`,
    tags: ["console"],
    summary,
    security: [{ bearer: [] }],
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(body) },
    responses: { 200: ok("The notice after the action (ETag: its new version)", NoticeView), ...stateResponses },
  });

export interface NoticeActionInput {
  id: string;
  /** The version the client saw (If-Match), or null. */
  expected: number | null;
  patch?: Partial<NoticeRow>;
  comment?: string;
  publishAt?: number;
}

/** One state-machine action on a notice: permission, transition (409), version (412), the write with its audit entry, the answer. */
export async function actOnNotice(c: Context<HonoEnv>, action: NoticeAction, input: NoticeActionInput) {
  const actor = c.var.actor;
  requirePermission(actor, NOTICE_ACTION_PERMISSION[action]);
  const { branch, db } = c.var.tenant;
  const s = c.var.services;
  const n = await findNotice(db, input.id);
  if (!n) throw new NotFound("notice");
  const now = s.now();
  const next = nextNoticeStatus(n.status as NoticeStatus, action);
  const patch: Partial<NoticeRow> = { ...input.patch, status: next };
  let inboxRows: Awaited<ReturnType<typeof noticeInboxRows>> = [];
  if (action === "approve") {
    Object.assign(patch, { approvedBy: actor.staffId, approvedAt: now, returnComment: null });
    if (n.status === "pending") {
      const publishAt = input.publishAt ?? n.publishAt ?? now;
      patch.publishAt = Math.max(publishAt, 0);
      // Published now: the inboxes get it in the same transaction; scheduled ones when their time comes.
      if (publishAt <= now && (n.expiresAt === null || n.expiresAt > now)) {
        inboxRows = await noticeInboxRows(s.control, branch, db, n, now);
        patch.pushedAt = now;
      }
    }
  }
  if (action === "return") patch.returnComment = input.comment ?? null;
  if (action === "expire") patch.expiresAt = Math.min(n.expiresAt ?? now, now);
  const expected = input.expected ?? n.version;
  const result = await changeNotice(db, {
    id: n.id,
    expectedVersion: expected,
    now,
    patch,
    history: historyEntry(actor, action, now, input.comment),
    audit: auditEntry(actor, `notice.${action}`, noticeSubject(n.id), now, { from: n.status, to: next, pushed: inboxRows.length }),
    inboxRows,
  });
  if (!result) throw new NotFound("notice");
  throwIfStale(result, expected);
  const after = result.row;
  c.header("etag", etagOf(after.version));
  return c.json(noticeView(after, branch, c.var.locale, now), 200);
}
