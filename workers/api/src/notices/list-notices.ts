import { createRoute, z } from "@hono/zod-openapi";
import { NOTICE_STATUSES } from "@wuye/core";
import { listNotices, releaseDueNotices } from "@wuye/db";
import { ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { NoticeView, noticeView } from "./notice-view.ts";

const ListQuery = z.strictObject({
  status: z.enum(NOTICE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const listNoticesRoute = createRouter().openapi(
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
    return c.json({ items: rows.map((n) => noticeView(n, branch, c.var.locale, now)) }, 200);
  },
);
