import { NoticeReturnInputSchema } from "@wuye/core";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { actOnNotice, noticeActionRoute } from "./act-on-notice.ts";

export const returnNoticeRoute = createRouter().openapi(
  noticeActionRoute("return", "Return to the drafter with a comment", NoticeReturnInputSchema),
  async (c) =>
    actOnNotice(c, "return", {
      id: c.req.valid("param").id,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
      comment: c.req.valid("json").comment,
    }),
);
