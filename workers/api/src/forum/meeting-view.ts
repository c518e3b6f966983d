import { z } from "@hono/zod-openapi";
import type { findForumMeeting } from "@wuye/db";
import { iso } from "../http/common.ts";

const PointView = z.object({
  id: z.string(),
  text: z.string(),
  raisedBy: z.string().nullable(),
  reply: z.string().nullable(),
  repliedBy: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
export const MeetingView = z.object({
  id: z.string(),
  heldAt: z.string(),
  communityId: z.string().nullable(),
  attendees: z.number(),
  minutes: z.string(),
  recordedBy: z.string(),
  openPoints: z.number(),
  publishedAt: z.string().nullable().openapi({ description: "when the minutes went on the portal; null while internal" }),
  points: z.array(PointView),
});

type Loaded = NonNullable<Awaited<ReturnType<typeof findForumMeeting>>>;

export const meetingView = (m: Loaded) => ({
  id: m.id,
  heldAt: iso(m.heldAt),
  communityId: m.communityId,
  attendees: m.attendees,
  minutes: m.minutes,
  recordedBy: m.recordedBy,
  openPoints: m.points.filter((p) => p.reply === null).length,
  publishedAt: iso(m.publishedAt),
  points: m.points.map((p) => ({
    id: p.id,
    text: p.text,
    raisedBy: p.raisedBy,
    reply: p.reply,
    repliedBy: p.repliedBy,
    repliedAt: iso(p.repliedAt),
  })),
});
