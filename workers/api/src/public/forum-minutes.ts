import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { publishedForumMeetings } from "@wuye/db";
import { iso, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "./schemas.ts";

const PublicMeeting = z.object({
  id: z.string(),
  heldAt: z.string(),
  communityId: z.string().nullable(),
  attendees: z.number(),
  minutes: z.string(),
  points: z.array(z.object({ id: z.string(), text: z.string(), reply: z.string().nullable(), repliedAt: z.string().nullable() })),
});

/** Residents read the published forum meetings (恳谈会): minutes and each point with its reply, no staff names. */
export const forumMinutesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/forum",
    tags: ["public"],
    summary: "The branch's published forum meetings: minutes, points raised, replies",
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
          heldAt: iso(m.heldAt),
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
