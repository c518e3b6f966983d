import { createRoute } from "@hono/zod-openapi";
import { ForumMeetingInputSchema, newId } from "@wuye/core";
import { insertForumMeeting } from "@wuye/db";
import { jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { MeetingView, meetingView } from "./meeting-view.ts";
import { refs, requireOwnReferences } from "../http/references.ts";

export const recordMeetingRoute = createRouter().openapi(
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
    const { db } = c.var.tenant;
    await requireOwnReferences(c, refs("community", "communityId", input.communityId));
    const now = c.var.services.now();
    const id = newId("fm", now);
    const meeting = await insertForumMeeting(
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
    return c.json(meetingView(meeting), 201);
  },
);
