import { z } from "@hono/zod-openapi";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { actOnNotice, noticeActionRoute } from "./act-on-notice.ts";

export const submitNoticeRoute = createRouter().openapi(
  noticeActionRoute("submit", "Submit a draft for the supervisor's approval", z.strictObject({})),
  async (c) =>
    actOnNotice(c, "submit", {
      id: c.req.valid("param").id,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
    }),
);
