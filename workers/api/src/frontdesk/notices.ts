import { createRoute, z } from "@hono/zod-openapi";
import {
  type Actor,
  NOTICE_ACTION_PERMISSION,
  NOTICE_CATEGORIES,
  NOTICE_STATUSES,
  type NoticeAction,
  type NoticeCategory,
  NoticeDraftInputSchema,
  NoticeEditInputSchema,
  NoticeEmergencyInputSchema,
  NoticeReturnInputSchema,
  type NoticeStatus,
  newId,
  nextNoticeStatus,
  noticeBodyWithPhones,
  noticeCategoryName,
  noticeDisplay,
  NotFound,
  type Locale,
} from "@wuye/core";
import {
  type BranchRow,
  changeNotice,
  findNotice,
  insertNotice,
  listNotices,
  noticeInboxRows,
  type NoticeRow,
  releaseDueNotices,
  writeAudit,
} from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";
import { checkAudience, IdParam, IfMatchHeader, iso, jsonBody, ok, stateResponses, throwIfStale } from "./common.ts";

const NoticeView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** The body as residents read it: the branch's phones appended. */
  bodyForResidents: z.string(),
  category: z.enum(NOTICE_CATEGORIES),
  categoryName: z.string(),
  status: z.string().openapi({ description: "draft | pending | returned | scheduled | published | emergencyPending | expired" }),
  audience: z.object({ communityIds: z.array(z.string()).optional(), buildingIds: z.array(z.string()).optional() }).nullable(),
  emergency: z.boolean(),
  publishAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  draftedBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  pushedAt: z.string().nullable(),
  history: z.array(z.object({ action: z.string(), by: z.string(), role: z.string(), at: z.string(), comment: z.string().optional() })),
  version: z.number(),
});
const ListQuery = z.strictObject({
  status: z.enum(NOTICE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const ApproveBody = z.strictObject({ publishAt: z.iso.datetime({ offset: true }).optional() });

function view(n: NoticeRow, branch: BranchRow, locale: Locale, now: number) {
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    bodyForResidents: noticeBodyWithPhones(n.body, branch, locale),
    category: n.category as NoticeCategory,
    categoryName: noticeCategoryName(n.category as NoticeCategory, locale),
    status: noticeDisplay({ status: n.status as NoticeStatus, publishAt: n.publishAt, expiresAt: n.expiresAt }, now),
    audience: n.audience ?? null,
    emergency: n.emergency,
    publishAt: iso(n.publishAt),
    expiresAt: iso(n.expiresAt),
    draftedBy: n.draftedBy,
    approvedBy: n.approvedBy,
    approvedAt: iso(n.approvedAt),
    returnComment: n.returnComment,
    pushedAt: iso(n.pushedAt),
    history: n.history.map((h) => ({ ...h, at: iso(h.at)! })),
    version: n.version,
  };
}

const audit = (c: Context<HonoEnv>, action: string, id: string, now: number, detail: Record<string, unknown> = {}) =>
  writeAudit(c.var.tenant.db, {
    id: newId("aud", now),
    actorId: c.var.actor.staffId,
    actorRole: c.var.actor.role,
    action,
    subjectType: "notice",
    subjectId: id,
    detail,
    at: now,
  });

const historyEntry = (actor: Actor, action: string, at: number, comment?: string) => ({
  action,
  by: actor.staffId,
  role: actor.role,
  at,
  ...(comment ? { comment } : {}),
});

/** One state-machine action on a notice: permission, transition (409), version (412), write, answer. */
async function act(c: Context<HonoEnv>, action: NoticeAction, input: { patch?: Partial<NoticeRow>; comment?: string; publishAt?: number }) {
  requirePermission(c.var.actor, NOTICE_ACTION_PERMISSION[action]);
  const { branch, db } = c.var.tenant;
  const s = c.var.services;
  const n = await findNotice(db, c.req.param("id") ?? "");
  if (!n) throw new NotFound("notice");
  const expected = ifMatchVersion(c);
  const now = s.now();
  const next = nextNoticeStatus(n.status as NoticeStatus, action);
  const patch: Partial<NoticeRow> = { ...input.patch, status: next };
  let inboxRows: Awaited<ReturnType<typeof noticeInboxRows>> = [];
  if (action === "approve") {
    Object.assign(patch, { approvedBy: c.var.actor.staffId, approvedAt: now, returnComment: null });
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
  const result = await changeNotice(db, {
    id: n.id,
    expectedVersion: expected ?? n.version,
    now,
    patch,
    history: historyEntry(c.var.actor, action, now, input.comment),
    inboxRows,
  });
  if (!result) throw new NotFound("notice");
  throwIfStale(result, expected ?? n.version);
  await audit(c, `notice.${action}`, n.id, now, { from: n.status, to: next, pushed: inboxRows.length });
  const after = (await findNotice(db, n.id))!;
  c.header("etag", etagOf(after.version));
  return c.json(view(after, branch, c.var.locale, now), 200);
}

const actionRoute = <P extends string, B extends z.ZodType>(path: P, summary: string, body: B) =>
  createRoute({
    method: "post",
    path: `/notices/{id}/${path}`,
    tags: ["console"],
    summary,
    security: [{ bearer: [] }],
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(body) },
    responses: { 200: ok("The notice after the action (ETag: its new version)", NoticeView), ...stateResponses },
  });

export const noticeRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/notices",
      tags: ["console"],
      summary: "Draft a notice (物业服务信息告知); it is published only after the supervisor approves it",
      security: [{ bearer: [] }],
      request: { body: jsonBody(NoticeDraftInputSchema) },
      responses: { 201: ok("The draft (ETag: version)", NoticeView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "notice.draft");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const now = c.var.services.now();
      await checkAudience(c.var.services, branch, input.audience);
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
        draftedBy: c.var.actor.staffId,
        history: [historyEntry(c.var.actor, "draft", now)],
        createdAt: now,
        updatedAt: now,
      };
      await insertNotice(db, row);
      await audit(c, "notice.draft", id, now);
      const n = (await findNotice(db, id))!;
      c.header("etag", etagOf(n.version));
      return c.json(view(n, branch, c.var.locale, now), 201);
    },
  )
  .openapi(
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
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const s = c.var.services;
      const now = s.now();
      await checkAudience(s, branch, input.audience);
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
        draftedBy: c.var.actor.staffId,
        pushedAt: now,
        history: [historyEntry(c.var.actor, "publishEmergency", now)],
        createdAt: now,
        updatedAt: now,
      };
      const inboxRows = await noticeInboxRows(s.control, branch, db, row, now);
      await insertNotice(db, row, inboxRows);
      await audit(c, "notice.publishEmergency", id, now, { pushed: inboxRows.length });
      const n = (await findNotice(db, id))!;
      c.header("etag", etagOf(n.version));
      return c.json(view(n, branch, c.var.locale, now), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/notices",
      tags: ["console"],
      summary: "Notices of the branch, newest first (scheduled ones whose time came are pushed to inboxes)",
      security: [{ bearer: [] }],
      request: { query: ListQuery },
      responses: { 200: ok("Notices", z.object({ items: z.array(NoticeView) })), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "notice.draft");
      const { branch, db } = c.var.tenant;
      const q = c.req.valid("query");
      const now = c.var.services.now();
      await releaseDueNotices(c.var.services.control, branch, db, now);
      const rows = await listNotices(db, { status: q.status, limit: q.limit });
      return c.json({ items: rows.map((n) => view(n, branch, c.var.locale, now)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/notices/{id}",
      tags: ["console"],
      summary: "One notice with its history (ETag: version)",
      security: [{ bearer: [] }],
      request: { params: IdParam },
      responses: { 200: ok("The notice", NoticeView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "notice.draft");
      const { branch, db } = c.var.tenant;
      const n = await findNotice(db, c.req.valid("param").id);
      if (!n) throw new NotFound("notice");
      c.header("etag", etagOf(n.version));
      return c.json(view(n, branch, c.var.locale, c.var.services.now()), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/notices/{id}",
      tags: ["console"],
      summary: "Edit a draft or a returned notice (it becomes a draft again)",
      security: [{ bearer: [] }],
      request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(NoticeEditInputSchema) },
      responses: { 200: ok("The notice (ETag: version)", NoticeView), ...stateResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await checkAudience(c.var.services, c.var.tenant.branch, input.audience);
      return act(c, "edit", { patch: input as Partial<NoticeRow> });
    },
  )
  .openapi(actionRoute("submit", "Submit a draft for the supervisor's approval", z.strictObject({})), async (c) => act(c, "submit", {}))
  .openapi(
    actionRoute("approve", "Approve: publishes now or at publishAt; also approves an emergency notice after the fact", ApproveBody),
    async (c) => {
      const b = c.req.valid("json");
      return act(c, "approve", b.publishAt ? { publishAt: Date.parse(b.publishAt) } : {});
    },
  )
  .openapi(actionRoute("return", "Return to the drafter with a comment", NoticeReturnInputSchema), async (c) =>
    act(c, "return", { comment: c.req.valid("json").comment }),
  )
  .openapi(actionRoute("expire", "Withdraw a published notice now", z.strictObject({})), async (c) => act(c, "expire", {}));
