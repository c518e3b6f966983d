import { createRoute } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findForumMeeting } from "@wuye/db";
import { IdParam, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { MeetingView, meetingView } from "./meeting-view.ts";

export const getMeetingRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/forum/meetings/{id}",
    tags: ["console"],
    summary: "One meeting",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: { 200: ok("Meeting", MeetingView), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    const m = await findForumMeeting(c.var.tenant.db, c.req.valid("param").id);
    if (!m) throw new NotFound("meeting");
    return c.json(meetingView(m), 200);
  },
);
