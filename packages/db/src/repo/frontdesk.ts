import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, like, lte, notInArray, or, sql } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { containsPattern } from "./resident-archive.ts";
import { units } from "../schema/control.ts";
import {
  auditLog,
  contactChangeRequests,
  dutyLog,
  forumMeetings,
  forumPoints,
  handoverItems,
  handovers,
  inbox,
  milestones,
  notices,
  oneTimeCodes,
  outbox,
  requests,
  residents,
  surveyAnswers,
  surveys,
  visitors,
} from "../schema/branch.ts";

// Front desk, notices, surveys, forum meetings and resident records: one branch database each.

export type NoticeRow = typeof notices.$inferSelect;
export type VisitorRow = typeof visitors.$inferSelect;
export type HandoverRow = typeof handovers.$inferSelect;
export type HandoverItemRow = typeof handoverItems.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;
type OutboxRow = typeof outbox.$inferInsert;
export type ForumMeetingRow = typeof forumMeetings.$inferSelect;
export type ContactChangeRow = typeof contactChangeRequests.$inferSelect;
type InboxRow = typeof inbox.$inferInsert;
type Versioned = { ok: true; version: number } | { ok: false; currentVersion: number } | null;

// ── notices ──

/** A new notice with its audit entry and, when published at once, the residents' inbox rows, in one batch. */
export async function insertNotice(
  db: BranchDb,
  row: typeof notices.$inferInsert,
  inboxRows: InboxRow[] = [],
  audit?: typeof auditLog.$inferInsert,
): Promise<void> {
  await db.batch([
    db.insert(notices).values(row),
    ...(audit ? [db.insert(auditLog).values(audit)] : []),
    ...(inboxRows.length ? [db.insert(inbox).values(inboxRows).onConflictDoNothing()] : []),
  ] as unknown as Parameters<typeof db.batch>[0]);
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
 * A notice's change, only if nobody changed it since `expectedVersion` (null = no check): the update, its
 * history entry, its audit entry and, on publication, the residents' inbox rows, in one transaction. null if it vanished.
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
): Promise<Versioned> {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select({ version: notices.version, history: notices.history }).from(notices).where(eq(notices.id, c.id));
    if (!cur) return null;
    if (c.expectedVersion !== null && cur.version !== c.expectedVersion) return { ok: false as const, currentVersion: cur.version };
    const version = cur.version + 1;
    const res = await tx
      .update(notices)
      .set({ ...c.patch, history: [...cur.history, c.history], version, updatedAt: c.now })
      .where(and(eq(notices.id, c.id), eq(notices.version, cur.version)));
    if (res.rowsAffected !== 1) return { ok: false as const, currentVersion: cur.version + 1 };
    if (c.inboxRows?.length) await tx.insert(inbox).values(c.inboxRows).onConflictDoNothing();
    await tx.insert(auditLog).values(c.audit);
    return { ok: true as const, version };
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
    if (inboxRows.length) await tx.insert(inbox).values(inboxRows).onConflictDoNothing();
    return true;
  });
}

/** Verified residents (who have a portal inbox). */
export async function verifiedResidents(db: BranchDb) {
  return db
    .select({ id: residents.id, unitId: residents.unitId, locale: residents.locale, phone: residents.phone })
    .from(residents)
    .where(isNotNull(residents.verifiedAt));
}

// ── visitors ──

export async function insertVisitor(db: BranchDb, row: typeof visitors.$inferInsert): Promise<void> {
  await db.insert(visitors).values(row);
}

export async function findVisitor(db: BranchDb, id: string): Promise<VisitorRow | null> {
  const [row] = await db.select().from(visitors).where(eq(visitors.id, id)).limit(1);
  return row ?? null;
}

export async function listVisitors(db: BranchDb, f: { from?: number | undefined; onSite?: boolean | undefined; limit: number }) {
  const where = [];
  if (f.from !== undefined) where.push(gte(visitors.inAt, f.from));
  if (f.onSite) where.push(isNull(visitors.outAt));
  return db
    .select()
    .from(visitors)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(visitors.inAt), desc(visitors.id))
    .limit(f.limit);
}

/** Records the time out once; false when already out. */
export async function checkOutVisitor(db: BranchDb, id: string, outAt: number): Promise<boolean> {
  const res = await db
    .update(visitors)
    .set({ outAt, updatedAt: outAt, version: sql`${visitors.version} + 1` })
    .where(and(eq(visitors.id, id), isNull(visitors.outAt)));
  return res.rowsAffected === 1;
}

// ── handovers ──

/** The outgoing shift's open requests and every overdue milestone of an open request (for auto-fill). */
export async function handoverSources(db: BranchDb, ownerId: string, now: number) {
  const CLOSED = ["resolved", "closed", "cancelled"];
  const overdue = await db
    .select()
    .from(milestones)
    .where(and(inArray(milestones.status, ["open", "paused"]), isNotNull(milestones.dueAt), lte(milestones.dueAt, now - 1)))
    .limit(200);
  const reqIds = [...new Set(overdue.map((m) => m.requestId))];
  const reqs = await db
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      status: requests.status,
      ownerId: requests.ownerId,
      description: requests.description,
    })
    .from(requests)
    .where(
      and(notInArray(requests.status, CLOSED), or(eq(requests.ownerId, ownerId), reqIds.length ? inArray(requests.id, reqIds) : sql`0`)),
    )
    .limit(400);
  return { requests: reqs, milestones: overdue };
}

export async function insertHandover(
  db: BranchDb,
  row: typeof handovers.$inferInsert,
  items: Array<typeof handoverItems.$inferInsert>,
): Promise<void> {
  await db.batch([
    db.insert(handovers).values(row),
    ...(items.length ? [db.insert(handoverItems).values(items)] : []),
  ] as unknown as Parameters<typeof db.batch>[0]);
}

export async function findHandover(db: BranchDb, id: string) {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id)).limit(1);
  if (!row) return null;
  const items = await db.select().from(handoverItems).where(eq(handoverItems.handoverId, id)).orderBy(handoverItems.id);
  return { ...row, items };
}

export async function listHandovers(db: BranchDb, limit: number) {
  const rows = await db.select().from(handovers).orderBy(desc(handovers.createdAt), desc(handovers.id)).limit(limit);
  const items = rows.length
    ? await db
        .select()
        .from(handoverItems)
        .where(
          inArray(
            handoverItems.handoverId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.handoverId === r.id).sort((a, b) => a.id.localeCompare(b.id)) }));
}

/** The incoming shift signs the handover and the items it takes over; supervisors' inbox rows if flagged. */
export async function signHandover(
  db: BranchDb,
  c: {
    id: string;
    expectedVersion: number | null;
    signer: string;
    itemIds: string[];
    note: string | null;
    now: number;
    flagged: boolean;
    inboxRows: InboxRow[];
  },
): Promise<Versioned> {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select({ version: handovers.version }).from(handovers).where(eq(handovers.id, c.id));
    if (!cur) return null;
    if (c.expectedVersion !== null && cur.version !== c.expectedVersion) return { ok: false as const, currentVersion: cur.version };
    const version = cur.version + 1;
    const res = await tx
      .update(handovers)
      .set({ signedBy: c.signer, signedAt: c.now, signNote: c.note, flaggedAt: c.flagged ? c.now : null, version, updatedAt: c.now })
      .where(and(eq(handovers.id, c.id), eq(handovers.version, cur.version), isNull(handovers.signedAt)));
    if (res.rowsAffected !== 1) return { ok: false as const, currentVersion: cur.version };
    if (c.itemIds.length) {
      await tx
        .update(handoverItems)
        .set({ signedAt: c.now, signedBy: c.signer })
        .where(and(eq(handoverItems.handoverId, c.id), inArray(handoverItems.id, c.itemIds)));
    }
    if (c.inboxRows.length) await tx.insert(inbox).values(c.inboxRows).onConflictDoNothing();
    return { ok: true as const, version };
  });
}

/** Handovers written before `before`, still unsigned and not yet flagged. */
export async function lateUnsignedHandovers(db: BranchDb, before: number, limit = 50) {
  return db
    .select({ id: handovers.id, shift: handovers.shift, writtenBy: handovers.writtenBy })
    .from(handovers)
    .where(and(isNull(handovers.signedAt), isNull(handovers.flaggedAt), lte(handovers.createdAt, before)))
    .orderBy(handovers.createdAt)
    .limit(limit);
}

/** Flags an unsigned handover once, with the supervisors' inbox rows; false when signed or flagged meanwhile. */
export async function flagHandoverOnce(db: BranchDb, id: string, now: number, inboxRows: InboxRow[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = await tx
      .update(handovers)
      .set({ flaggedAt: now })
      .where(and(eq(handovers.id, id), isNull(handovers.signedAt), isNull(handovers.flaggedAt)));
    if (res.rowsAffected !== 1) return false;
    if (inboxRows.length) await tx.insert(inbox).values(inboxRows).onConflictDoNothing();
    return true;
  });
}

// ── duty log ──

export async function insertDutyEntry(db: BranchDb, row: typeof dutyLog.$inferInsert): Promise<void> {
  await db.insert(dutyLog).values(row);
}

/** Entries newest first, within a time range, of one kind, or containing a text in what happened or how it was handled. */
export async function listDutyLog(
  db: BranchDb,
  f: { from?: number | undefined; to?: number | undefined; kind?: string | undefined; q?: string | undefined; limit: number },
) {
  const where = [];
  if (f.from !== undefined) where.push(gte(dutyLog.at, f.from));
  if (f.to !== undefined) where.push(lte(dutyLog.at, f.to));
  if (f.kind) where.push(eq(dutyLog.kind, f.kind));
  if (f.q) where.push(or(like(dutyLog.what, containsPattern(f.q)), like(dutyLog.handled, containsPattern(f.q)))!);
  return db
    .select()
    .from(dutyLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(dutyLog.at), desc(dutyLog.id))
    .limit(f.limit);
}

// ── surveys ──

export const surveyNotificationId = (surveyId: string) => `ntf_srv_${surveyId}`;

export async function insertSurvey(db: BranchDb, row: typeof surveys.$inferInsert): Promise<void> {
  await db.insert(surveys).values(row);
}

export async function findSurvey(db: BranchDb, id: string): Promise<SurveyRow | null> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id)).limit(1);
  return row ?? null;
}

export async function listSurveys(db: BranchDb, limit: number) {
  return db.select().from(surveys).orderBy(desc(surveys.createdAt), desc(surveys.id)).limit(limit);
}

/** Verified residents who filed (or are named on) a request closed since `since`. */
export async function residentsOfClosedRequests(db: BranchDb, since: number) {
  const closed = db
    .select({ phone: requests.contactPhone })
    .from(requests)
    .where(and(eq(requests.status, "closed"), gte(requests.closedAt, since)));
  const byId = db
    .select({ id: requests.residentId })
    .from(requests)
    .where(and(eq(requests.status, "closed"), gte(requests.closedAt, since), isNotNull(requests.residentId)));
  return db
    .select({ id: residents.id, locale: residents.locale })
    .from(residents)
    .where(and(isNotNull(residents.verifiedAt), or(inArray(residents.phone, closed), inArray(residents.id, byId))));
}

/** Sends a draft survey once: its state and every recipient's inbox row, in one transaction. */
export async function sendSurvey(
  db: BranchDb,
  c: {
    id: string;
    expectedVersion: number | null;
    target: Record<string, unknown>;
    now: number;
    inboxRows: InboxRow[];
    outbox: OutboxRow[];
  },
): Promise<Versioned> {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select({ version: surveys.version }).from(surveys).where(eq(surveys.id, c.id));
    if (!cur) return null;
    if (c.expectedVersion !== null && cur.version !== c.expectedVersion) return { ok: false as const, currentVersion: cur.version };
    const version = cur.version + 1;
    const res = await tx
      .update(surveys)
      .set({ status: "sent", target: c.target, sentAt: c.now, recipients: c.inboxRows.length, version, updatedAt: c.now })
      .where(and(eq(surveys.id, c.id), eq(surveys.version, cur.version), eq(surveys.status, "draft")));
    if (res.rowsAffected !== 1) return { ok: false as const, currentVersion: cur.version };
    if (c.inboxRows.length) await tx.insert(inbox).values(c.inboxRows).onConflictDoNothing();
    if (c.outbox.length) await tx.insert(outbox).values(c.outbox);
    return { ok: true as const, version };
  });
}

export async function closeSurvey(db: BranchDb, id: string, now: number, events: OutboxRow[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = await tx
      .update(surveys)
      .set({ status: "closed", updatedAt: now, version: sql`${surveys.version} + 1` })
      .where(and(eq(surveys.id, id), eq(surveys.status, "sent")));
    if (res.rowsAffected !== 1) return false;
    if (events.length) await tx.insert(outbox).values(events);
    return true;
  });
}

/** True when the survey was sent to this resident (their inbox holds its invitation). */
export async function isSurveyRecipient(db: BranchDb, surveyId: string, residentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: inbox.id })
    .from(inbox)
    .where(
      and(eq(inbox.notificationId, surveyNotificationId(surveyId)), eq(inbox.recipientType, "resident"), eq(inbox.recipientId, residentId)),
    )
    .limit(1);
  return !!row;
}

/** The surveys sent to a resident that are still open, and whether they answered each. */
export async function surveysOfResident(db: BranchDb, residentId: string) {
  const invited = await db
    .select({ notificationId: inbox.notificationId })
    .from(inbox)
    .where(and(eq(inbox.recipientType, "resident"), eq(inbox.recipientId, residentId), eq(inbox.type, "survey.invite")));
  const ids = invited.map((i) => i.notificationId.replace(/^ntf_srv_/, ""));
  if (ids.length === 0) return [];
  const [rows, answered] = await Promise.all([
    db
      .select()
      .from(surveys)
      .where(and(inArray(surveys.id, ids), eq(surveys.status, "sent"))),
    db
      .select({ surveyId: surveyAnswers.surveyId })
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.residentId, residentId), inArray(surveyAnswers.surveyId, ids))),
  ]);
  const done = new Set(answered.map((a) => a.surveyId));
  return rows.map((r) => ({ ...r, answered: done.has(r.id) }));
}

/** One answer per resident and survey, with its event for head office; false when they already answered. */
export async function insertSurveyAnswer(db: BranchDb, row: typeof surveyAnswers.$inferInsert, events: OutboxRow[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = await tx.insert(surveyAnswers).values(row).onConflictDoNothing();
    if (res.rowsAffected !== 1) return false;
    if (events.length) await tx.insert(outbox).values(events);
    return true;
  });
}

export async function surveyAnswersOf(db: BranchDb, surveyId: string) {
  return db.select().from(surveyAnswers).where(eq(surveyAnswers.surveyId, surveyId));
}

export async function surveyAnswersOfResident(db: BranchDb, residentId: string) {
  return db.select().from(surveyAnswers).where(eq(surveyAnswers.residentId, residentId));
}

// ── forum meetings ──

export async function insertForumMeeting(
  db: BranchDb,
  row: typeof forumMeetings.$inferInsert,
  points: Array<typeof forumPoints.$inferInsert>,
): Promise<void> {
  await db.batch([db.insert(forumMeetings).values(row), db.insert(forumPoints).values(points)]);
}

export async function findForumMeeting(db: BranchDb, id: string) {
  const [row] = await db.select().from(forumMeetings).where(eq(forumMeetings.id, id)).limit(1);
  if (!row) return null;
  const points = await db.select().from(forumPoints).where(eq(forumPoints.meetingId, id)).orderBy(forumPoints.id);
  return { ...row, points };
}

export async function listForumMeetings(db: BranchDb, limit: number) {
  const rows = await db.select().from(forumMeetings).orderBy(desc(forumMeetings.heldAt), desc(forumMeetings.id)).limit(limit);
  const points = rows.length
    ? await db
        .select()
        .from(forumPoints)
        .where(
          inArray(
            forumPoints.meetingId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, points: points.filter((p) => p.meetingId === r.id).sort((a, b) => a.id.localeCompare(b.id)) }));
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

// ── resident records ──

export async function residentByPhone(db: BranchDb, phone: string) {
  const [row] = await db.select({ id: residents.id }).from(residents).where(eq(residents.phone, phone)).limit(1);
  return row ?? null;
}

/** A change request, with the code to the old contact and its notification when verification is by code. */
export async function insertContactChange(
  db: BranchDb,
  row: typeof contactChangeRequests.$inferInsert,
  otp?: { code: typeof oneTimeCodes.$inferInsert; message: typeof outbox.$inferInsert },
): Promise<void> {
  await db.batch([
    db.insert(contactChangeRequests).values(row),
    ...(otp ? [db.insert(oneTimeCodes).values(otp.code), db.insert(outbox).values(otp.message)] : []),
  ] as unknown as Parameters<typeof db.batch>[0]);
}

export async function findContactChange(db: BranchDb, residentId: string, id: string): Promise<ContactChangeRow | null> {
  const [row] = await db
    .select()
    .from(contactChangeRequests)
    .where(and(eq(contactChangeRequests.id, id), eq(contactChangeRequests.residentId, residentId)))
    .limit(1);
  return row ?? null;
}

export async function findCode(db: BranchDb, id: string) {
  const [row] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id)).limit(1);
  return row ?? null;
}

/**
 * Applies a verified change once: the request marked applied (and its code used), the resident's contact
 * replaced, the audit entry written, in one transaction. false when it was no longer pending.
 */
export async function applyContactChange(
  db: BranchDb,
  c: {
    changeId: string;
    residentId: string;
    codeId: string | null;
    newPhone: string | null;
    newEmail: string | null;
    now: number;
    audit: typeof auditLog.$inferInsert;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = await tx
      .update(contactChangeRequests)
      .set({ status: "applied", appliedAt: c.now })
      .where(and(eq(contactChangeRequests.id, c.changeId), eq(contactChangeRequests.status, "pending")));
    if (res.rowsAffected !== 1) return false;
    if (c.codeId) await tx.update(oneTimeCodes).set({ usedAt: c.now }).where(eq(oneTimeCodes.id, c.codeId));
    await tx
      .update(residents)
      .set({ ...(c.newPhone ? { phone: c.newPhone } : {}), ...(c.newEmail ? { email: c.newEmail } : {}), updatedAt: c.now })
      .where(eq(residents.id, c.residentId));
    await tx.insert(auditLog).values(c.audit);
    return true;
  });
}

/** Where each unit of a branch is (community and building): audiences and survey targets. */
export async function unitPlaces(control: ControlDb, branchId: string) {
  return control
    .select({ id: units.id, communityId: units.communityId, buildingId: units.buildingId })
    .from(units)
    .where(eq(units.branchId, branchId));
}
