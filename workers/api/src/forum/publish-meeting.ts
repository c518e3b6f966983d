import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, NotFound } from "@wuye/core";
import { findForumMeeting, publishForumMeeting } from "@wuye/db";
import { IdParam, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { MeetingView, meetingView } from "./meeting-view.ts";

/** The minutes, the points raised and every reply (given before or after) go on the portal, once. */
export const publishMeetingRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/forum/meetings/{id}/publish",
    tags: ["console"],
    summary: "Publish a forum meeting's minutes, points raised and replies to residents (once)",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: jsonBody(z.strictObject({})) },
    responses: {
      200: ok("The meeting", MeetingView),
      ...errorResponses,
      409: { description: "Already published", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    const { db } = c.var.tenant;
    const id = c.req.valid("param").id;
    if (!(await findForumMeeting(db, id))) throw new NotFound("meeting");
    if (!(await publishForumMeeting(db, id, c.var.services.now()))) throw new Conflict("the meeting is already published");
    return c.json(meetingView((await findForumMeeting(db, id))!), 200);
  },
);
