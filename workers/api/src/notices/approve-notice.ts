import { z } from "@hono/zod-openapi";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { actOnNotice, noticeActionRoute } from "./act-on-notice.ts";

const ApproveBody = z.strictObject({ publishAt: z.iso.datetime({ offset: true }).optional() });

export const approveNoticeRoute = createRouter().openapi(
  noticeActionRoute("approve", "Approve: publishes now or at publishAt; also approves an emergency notice after the fact", ApproveBody),
  async (c) => {
    const { publishAt } = c.req.valid("json");
    return actOnNotice(c, "approve", {
      id: c.req.valid("param").id,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
      ...(publishAt ? { publishAt: Date.parse(publishAt) } : {}),
    });
  },
);
