import { and, desc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { auditLog, inbox, notices } from "../schema/branch.ts";
import { batchOf, insertInboxRows, updateVersioned, type VersionedWrite } from "./versioned.ts";

// Notices to residents (物业服务信息告知): drafts, approval, publication and the push to the inboxes.

export type NoticeRow = typeof notices.$inferSelect;
type InboxRow = typeof inbox.$inferInsert;

/** A new notice with its audit entry and, when published at once, the residents' inbox rows, in one batch; returns it as written. */
export async function insertNotice(
  db: BranchDb,
  row: typeof notices.$inferInsert,
  inboxRows: InboxRow[] = [],
  audit?: typeof auditLog.$inferInsert,
): Promise<NoticeRow> {
  const [[written]] = await batchOf(db, db.insert(notices).values(row).returning(), [
    audit !== undefined && db.insert(auditLog).values(audit),
    inboxRows.length > 0 && db.insert(inbox).values(inboxRows).onConflictDoNothing(),
  ]);
  return written as NoticeRow;
}

export async function findNotice(db: BranchDb, id: string): Promise<NoticeRow | null> {
  const [row] = await db.select().from(notices).where(eq(notices.id, id)).limit(1);
  return row ?? null;
}

export async function listNotices(db: BranchDb, f: { status?: string | undefined; limit: number }) {
  return db
    .select()
    .from(notices)
    .where(f.status ? eq(notices.status, f.status) : undefined)
    .orderBy(desc(notices.updatedAt), desc(notices.id))
    .limit(f.limit);
}

/**
 * A notice's change, only if nobody changed it since `expectedVersion` (null = no check): the update, its history
 * entry, its audit entry and, on publication, the residents' inbox rows, in one transaction. null if it vanished.
 */
export async function changeNotice(
  db: BranchDb,
  c: {
    id: string;
    expectedVersion: number | null;
    now: number;
    patch: Partial<typeof notices.$inferInsert>;
    history: NoticeRow["history"][number];
    audit: typeof auditLog.$inferInsert;
    inboxRows?: InboxRow[];
  },
): Promise<VersionedWrite<NoticeRow>> {
  return db.transaction(async (tx) => {
    const result = await updateVersioned(tx, notices, {
      id: c.id,
      expectedVersion: c.expectedVersion,
      set: (cur) => ({ ...c.patch, history: [...cur.history, c.history], updatedAt: c.now }),
    });
    if (!result?.ok) return result;
    await insertInboxRows(tx, c.inboxRows ?? []);
    await tx.insert(auditLog).values(c.audit);
    return result;
  });
}

/** Published (or emergency, approval pending), its time come, not expired. */
const isLive = (now: number) =>
  and(
    inArray(notices.status, ["published", "emergencyPending"]),
    or(isNull(notices.publishAt), lte(notices.publishAt, now)),
    or(isNull(notices.expiresAt), gt(notices.expiresAt, now)),
  );

/** Notices residents can see at `now`: published or emergency, started, not expired. */
export async function liveNotices(db: BranchDb, now: number, limit = 100): Promise<NoticeRow[]> {
  return db.select().from(notices).where(isLive(now)).orderBy(desc(notices.publishAt), desc(notices.id)).limit(limit);
}

/** Live notices not yet pushed to the inboxes (published, their time come, not expired). */
export async function duePushNotices(db: BranchDb, now: number, limit = 50): Promise<NoticeRow[]> {
  return db
    .select()
    .from(notices)
    .where(and(isNull(notices.pushedAt), isLive(now)))
    .orderBy(notices.publishAt)
    .limit(limit);
}

/** Marks a live notice pushed once and writes its inbox rows in the same transaction; false if already pushed. */
export async function pushNoticeOnce(db: BranchDb, id: string, now: number, inboxRows: InboxRow[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = await tx
      .update(notices)
      .set({ pushedAt: now })
      .where(and(eq(notices.id, id), isNull(notices.pushedAt)));
    if (res.rowsAffected !== 1) return false;
    await insertInboxRows(tx, inboxRows);
    return true;
  });
}
