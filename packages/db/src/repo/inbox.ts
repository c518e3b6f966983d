import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { inbox, requests } from "../schema/branch.ts";
import { staff } from "../schema/control.ts";

export type InboxInsert = typeof inbox.$inferInsert;

/** Idempotent by (notification, recipient): a redelivered message adds nothing. Returns rows added. */
export async function deliverToInbox(db: BranchDb, rows: InboxInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const res = await db.insert(inbox).values(rows).onConflictDoNothing();
  return res.rowsAffected;
}

/** What an inbox item is about, so that opening it leads there: the request, or the notice, handover, survey or delivery. */
export type InboxSubject = { type: "request" | "notice" | "handover" | "survey" | "delivery"; id: string; trackingCode?: string };
export function inboxSubject(row: {
  requestId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  trackingCode?: string | null;
}): InboxSubject | null {
  if (row.subjectType && row.subjectId) return { type: row.subjectType as InboxSubject["type"], id: row.subjectId };
  if (!row.requestId) return null;
  return { type: "request", id: row.requestId, ...(row.trackingCode ? { trackingCode: row.trackingCode } : {}) };
}

export async function listInbox(db: BranchDb, recipient: { type: "resident" | "staff"; id: string }, limit = 50) {
  const where = and(eq(inbox.recipientType, recipient.type), eq(inbox.recipientId, recipient.id));
  const [items, [unread]] = await Promise.all([
    db
      .select({
        id: inbox.id,
        type: inbox.type,
        title: inbox.title,
        body: inbox.body,
        requestId: inbox.requestId,
        subjectType: inbox.subjectType,
        subjectId: inbox.subjectId,
        createdAt: inbox.createdAt,
        readAt: inbox.readAt,
        // The resident opens a request by its tracking code, never by its id.
        trackingCode: requests.trackingCode,
      })
      .from(inbox)
      .leftJoin(requests, eq(requests.id, inbox.requestId))
      .where(where)
      .orderBy(desc(inbox.createdAt))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)` })
      .from(inbox)
      .where(and(where, isNull(inbox.readAt))),
  ]);
  return { items, unread: Number(unread?.n ?? 0) };
}

export async function staffOfBranch(db: ControlDb, branchId: string, roles: string[]) {
  return db
    .select({
      id: staff.id,
      role: staff.role,
      locale: staff.locale,
      email: staff.email,
      phone: staff.phone,
      notifyPrefs: staff.notifyPrefs,
    })
    .from(staff)
    .where(and(eq(staff.branchId, branchId), inArray(staff.role, roles), eq(staff.active, true)));
}

export async function markInboxRead(
  db: BranchDb,
  recipient: { type: "resident" | "staff"; id: string },
  id: string,
  now: number,
): Promise<boolean> {
  const res = await db
    .update(inbox)
    .set({ readAt: now })
    .where(and(eq(inbox.id, id), eq(inbox.recipientType, recipient.type), eq(inbox.recipientId, recipient.id), isNull(inbox.readAt)));
  return res.rowsAffected === 1;
}

/** Marks every unread item of one recipient read; returns how many. */
export async function markAllInboxRead(db: BranchDb, recipient: { type: "resident" | "staff"; id: string }, now: number): Promise<number> {
  const res = await db
    .update(inbox)
    .set({ readAt: now })
    .where(and(eq(inbox.recipientType, recipient.type), eq(inbox.recipientId, recipient.id), isNull(inbox.readAt)));
  return res.rowsAffected;
}

export async function staffByIds(db: ControlDb, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: staff.id,
      role: staff.role,
      locale: staff.locale,
      email: staff.email,
      phone: staff.phone,
      notifyPrefs: staff.notifyPrefs,
    })
    .from(staff)
    .where(inArray(staff.id, ids));
}

export async function setStaffNotifyPrefs(db: ControlDb, staffId: string, prefs: Record<string, string[]>, now: number) {
  await db.update(staff).set({ notifyPrefs: prefs, updatedAt: now }).where(eq(staff.id, staffId));
}
