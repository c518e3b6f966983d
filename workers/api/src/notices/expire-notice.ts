import { z } from "@hono/zod-openapi";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { actOnNotice, noticeActionRoute } from "./act-on-notice.ts";

export const expireNoticeRoute = createRouter().openapi(
  noticeActionRoute("expire", "Withdraw a published notice now", z.strictObject({})),
  async (c) =>
    actOnNotice(c, "expire", {
      id: c.req.valid("param").id,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
    }),
);
