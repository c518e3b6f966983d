import { createRoute, z } from "@hono/zod-openapi";
import { listForumMeetings } from "@wuye/db";
import { ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { MeetingView, meetingView } from "./meeting-view.ts";

export const listMeetingsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/forum/meetings",
    tags: ["console"],
    summary: "Forum meetings with their points, newest first",
    security: [{ bearer: [] }],
    responses: { 200: ok("Meetings", z.object({ items: z.array(MeetingView) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    return c.json({ items: (await listForumMeetings(c.var.tenant.db, 50)).map(meetingView) }, 200);
  },
);
