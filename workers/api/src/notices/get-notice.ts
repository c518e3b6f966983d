import { createRoute } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findNotice } from "@wuye/db";
import { etagOf, IdParam, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { NoticeView, noticeView } from "./notice-view.ts";

export const getNoticeRoute = createRouter().openapi(
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
    return c.json(noticeView(n, branch, c.var.locale, c.var.services.now()), 200);
  },
);
