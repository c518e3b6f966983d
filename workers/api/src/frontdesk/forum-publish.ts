import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, NotFound } from "@wuye/core";
import { findForumMeeting, publishedForumMeetings, publishForumMeeting } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { BranchParam } from "../public/schemas.ts";
import { IdParam, iso, jsonBody, ok } from "./common.ts";
import { MeetingView, meetingView } from "./forum-view.ts";

/** Staff publish a forum meeting's minutes; the points and every reply, given before or after, are then on the portal. */
export const forumPublishRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/forum/meetings/{id}/publish",
    tags: ["console"],
    summary: "Publish the minutes, the points raised and the replies to residents (once)",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: jsonBody(z.strictObject({})) },
    responses: { 200: ok("The meeting", MeetingView), ...errorResponses, 409: { description: "Already published", content: problemContent } },
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

const PublicMeeting = z.object({
  id: z.string(),
  heldAt: z.string(),
  communityId: z.string().nullable(),
  attendees: z.number(),
  minutes: z.string(),
  points: z.array(z.object({ id: z.string(), text: z.string(), reply: z.string().nullable(), repliedAt: z.string().nullable() })),
});

/** Residents read the published forum meetings: minutes and each point with its reply (no staff names). */
export const publicForumRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/forum",
    tags: ["public"],
    summary: "The branch's published forum meetings (恳谈会): minutes, points raised, replies",
    request: { params: BranchParam },
    responses: { 200: ok("Meetings", z.object({ items: z.array(PublicMeeting) })), 404: errorResponses[404] },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const rows = await publishedForumMeetings(s.branchDb(branch));
    return c.json(
      {
        items: rows.map((m) => ({
          id: m.id,
          heldAt: iso(m.heldAt)!,
          communityId: m.communityId,
          attendees: m.attendees,
          minutes: m.minutes,
          points: m.points.map((p) => ({ id: p.id, text: p.text, reply: p.reply, repliedAt: iso(p.repliedAt) })),
        })),
      },
      200,
    );
  },
);
