import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, Conflict, ForumMeetingInputSchema, ForumReplyInputSchema, newId, NotFound } from "@wuye/core";
import { findCommunity, findForumMeeting, insertForumMeeting, listForumMeetings, replyForumPoint } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { IdParam, iso, jsonBody, ok } from "./common.ts";

const PointView = z.object({
  id: z.string(),
  text: z.string(),
  raisedBy: z.string().nullable(),
  reply: z.string().nullable(),
  repliedBy: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
const MeetingView = z.object({
  id: z.string(),
  heldAt: z.string(),
  communityId: z.string().nullable(),
  attendees: z.number(),
  minutes: z.string(),
  recordedBy: z.string(),
  openPoints: z.number(),
  points: z.array(PointView),
});
type Loaded = NonNullable<Awaited<ReturnType<typeof findForumMeeting>>>;
const view = (m: Loaded) => ({
  id: m.id,
  heldAt: iso(m.heldAt)!,
  communityId: m.communityId,
  attendees: m.attendees,
  minutes: m.minutes,
  recordedBy: m.recordedBy,
  openPoints: m.points.filter((p) => p.reply === null).length,
  points: m.points.map((p) => ({
    id: p.id,
    text: p.text,
    raisedBy: p.raisedBy,
    reply: p.reply,
    repliedBy: p.repliedBy,
    repliedAt: iso(p.repliedAt),
  })),
});

export const forumRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/forum/meetings",
      tags: ["console"],
      summary: "Record a resident forum meeting (恳谈会): minutes and every point raised",
      security: [{ bearer: [] }],
      request: { body: jsonBody(ForumMeetingInputSchema) },
      responses: { 201: ok("Recorded", MeetingView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "survey.manage");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      if (input.communityId) {
        const community = await findCommunity(c.var.services.control, input.communityId);
        if (!community || community.branchId !== branch.id)
          throw new BadInput("unknown community", [{ path: "communityId", message: "not a community of this branch" }]);
      }
      const now = c.var.services.now();
      const id = newId("fm", now);
      await insertForumMeeting(
        db,
        {
          id,
          heldAt: input.heldAt,
          communityId: input.communityId ?? null,
          attendees: input.attendees,
          minutes: input.minutes,
          recordedBy: c.var.actor.staffId,
          createdAt: now,
          updatedAt: now,
        },
        input.points.map((p, i) => ({
          id: `fp_${id.slice(3)}_${String(i).padStart(3, "0")}`,
          meetingId: id,
          text: p.text,
          raisedBy: p.raisedBy ?? null,
        })),
      );
      return c.json(view((await findForumMeeting(db, id))!), 201);
    },
  )
  .openapi(
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
      return c.json({ items: (await listForumMeetings(c.var.tenant.db, 50)).map(view) }, 200);
    },
  )
  .openapi(
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
      return c.json(view(m), 200);
    },
  )
  .openapi(
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
      return c.json(view((await findForumMeeting(db, id))!), 200);
    },
  );
