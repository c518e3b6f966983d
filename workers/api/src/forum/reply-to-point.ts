import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, ForumReplyInputSchema, NotFound } from "@wuye/core";
import { findForumMeeting, replyForumPoint } from "@wuye/db";
import { IdParam, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { MeetingView, meetingView } from "./meeting-view.ts";

export const replyToPointRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/forum/meetings/{id}/points/{pointId}/reply",
    tags: ["console"],
    summary: "Reply to a point raised (once)",
    security: [{ bearer: [] }],
    request: { params: IdParam.extend({ pointId: z.string().min(3).max(80) }), body: jsonBody(ForumReplyInputSchema) },
    responses: {
      200: ok("The meeting", MeetingView),
      ...errorResponses,
      409: { description: "Already replied", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "survey.manage");
    const { id, pointId } = c.req.valid("param");
    const { db } = c.var.tenant;
    const r = await replyForumPoint(db, {
      meetingId: id,
      pointId,
      reply: c.req.valid("json").reply,
      by: c.var.actor.staffId,
      now: c.var.services.now(),
    });
    if (r === "missing") throw new NotFound("point");
    if (r === "replied") throw new Conflict("this point already has a reply");
    return c.json(meetingView((await findForumMeeting(db, id))!), 200);
  },
);
