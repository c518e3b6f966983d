import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { forumMeetings, forumPoints } from "../schema/branch.ts";

/** Publishes a meeting's minutes to residents once; false when there is no such meeting or it is already published. */
export async function publishForumMeeting(db: BranchDb, id: string, now: number): Promise<boolean> {
  const res = await db
    .update(forumMeetings)
    .set({ publishedAt: now, updatedAt: now })
    .where(and(eq(forumMeetings.id, id), isNull(forumMeetings.publishedAt)));
  return res.rowsAffected === 1;
}

/** The published meetings, newest first, each with its points and the replies given so far. */
export async function publishedForumMeetings(db: BranchDb, limit = 20) {
  const rows = await db
    .select()
    .from(forumMeetings)
    .where(isNotNull(forumMeetings.publishedAt))
    .orderBy(desc(forumMeetings.heldAt), desc(forumMeetings.id))
    .limit(limit);
  if (!rows.length) return [];
  const points = await db
    .select()
    .from(forumPoints)
    .where(
      inArray(
        forumPoints.meetingId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(forumPoints.id);
  return rows.map((r) => ({ ...r, points: points.filter((p) => p.meetingId === r.id) }));
}
