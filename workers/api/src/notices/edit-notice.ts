import { createRoute } from "@hono/zod-openapi";
import { NoticeEditInputSchema } from "@wuye/core";
import type { NoticeRow } from "@wuye/db";
import { expectedVersion, IdParam, IfMatchHeader, jsonBody, ok, stateResponses } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { actOnNotice } from "./act-on-notice.ts";
import { checkAudience } from "./audience.ts";
import { NoticeView } from "./notice-view.ts";

export const editNoticeRoute = createRouter().openapi(
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
    await checkAudience(c, input.audience);
    return actOnNotice(c, "edit", {
      id: c.req.valid("param").id,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
      patch: input as Partial<NoticeRow>,
    });
  },
);
