import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { forumMeetings, forumPoints } from "../schema/branch.ts";

// Residents' forum meetings (业主恳谈会) and the branch's replies to their points.

export type ForumMeetingRow = typeof forumMeetings.$inferSelect;
export type ForumPointRow = typeof forumPoints.$inferSelect;
export type ForumMeetingWithPoints = ForumMeetingRow & { points: ForumPointRow[] };

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** A meeting with its points; returns it as written. */
export async function insertForumMeeting(
  db: BranchDb,
  row: typeof forumMeetings.$inferInsert,
  points: Array<typeof forumPoints.$inferInsert>,
): Promise<ForumMeetingWithPoints> {
  const [[meeting], written] = await db.batch([
    db.insert(forumMeetings).values(row).returning(),
    db.insert(forumPoints).values(points).returning(),
  ]);
  return { ...meeting!, points: written.sort(byId) };
}

export async function findForumMeeting(db: BranchDb, id: string): Promise<ForumMeetingWithPoints | null> {
  const [row] = await db.select().from(forumMeetings).where(eq(forumMeetings.id, id)).limit(1);
  if (!row) return null;
  const points = await db.select().from(forumPoints).where(eq(forumPoints.meetingId, id)).orderBy(forumPoints.id);
  return { ...row, points };
}

export async function listForumMeetings(db: BranchDb, limit: number): Promise<ForumMeetingWithPoints[]> {
  const rows = await db.select().from(forumMeetings).orderBy(desc(forumMeetings.heldAt), desc(forumMeetings.id)).limit(limit);
  const ids = rows.map((r) => r.id);
  const points = rows.length ? await db.select().from(forumPoints).where(inArray(forumPoints.meetingId, ids)) : [];
  return rows.map((r) => ({ ...r, points: points.filter((p) => p.meetingId === r.id).sort(byId) }));
}

/** Replies to a point once; "missing" when no such point in that meeting, "replied" when already answered. */
export async function replyForumPoint(
  db: BranchDb,
  c: { meetingId: string; pointId: string; reply: string; by: string; now: number },
): Promise<"ok" | "missing" | "replied"> {
  const res = await db
    .update(forumPoints)
    .set({ reply: c.reply, repliedBy: c.by, repliedAt: c.now })
    .where(and(eq(forumPoints.id, c.pointId), eq(forumPoints.meetingId, c.meetingId), isNull(forumPoints.reply)));
  if (res.rowsAffected === 1) return "ok";
  const [p] = await db
    .select({ id: forumPoints.id })
    .from(forumPoints)
    .where(and(eq(forumPoints.id, c.pointId), eq(forumPoints.meetingId, c.meetingId)));
  return p ? "replied" : "missing";
}
