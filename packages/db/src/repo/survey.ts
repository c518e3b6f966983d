import { and, desc, eq, gte, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { inbox, outbox, requests, residents, surveyAnswers, surveys } from "../schema/branch.ts";
import { insertInboxRows, updateVersioned, type VersionedWrite } from "./versioned.ts";

// Satisfaction surveys (满意度调查): drafts, sending to the residents' inboxes, answers, closing.

export type SurveyRow = typeof surveys.$inferSelect;
type InboxRow = typeof inbox.$inferInsert;
type OutboxRow = typeof outbox.$inferInsert;

export const surveyNotificationId = (surveyId: string) => `ntf_srv_${surveyId}`;

/** A new draft; returns it as written. */
export async function insertSurvey(db: BranchDb, row: typeof surveys.$inferInsert): Promise<SurveyRow> {
  const [written] = await db.insert(surveys).values(row).returning();
  return written!;
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

/** Sends a draft survey once: its state and every recipient's inbox row, in one transaction; the survey as sent. */
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
): Promise<VersionedWrite<SurveyRow>> {
  return db.transaction(async (tx) => {
    const result = await updateVersioned(tx, surveys, {
      id: c.id,
      expectedVersion: c.expectedVersion,
      set: () => ({ status: "sent", target: c.target, sentAt: c.now, recipients: c.inboxRows.length, updatedAt: c.now }),
      where: eq(surveys.status, "draft"),
    });
    if (!result?.ok) return result;
    await insertInboxRows(tx, c.inboxRows);
    if (c.outbox.length) await tx.insert(outbox).values(c.outbox);
    return result;
  });
}

/** Closes a sent survey once, with its event; the survey as closed, or null when it was not sent. */
export async function closeSurvey(db: BranchDb, id: string, now: number, events: OutboxRow[]): Promise<SurveyRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(surveys)
      .set({ status: "closed", updatedAt: now, version: sql`${surveys.version} + 1` })
      .where(and(eq(surveys.id, id), eq(surveys.status, "sent")))
      .returning();
    if (!row) return null;
    if (events.length) await tx.insert(outbox).values(events);
    return row;
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
  const prefix = surveyNotificationId("");
  const ids = invited.map((i) => i.notificationId.slice(prefix.length));
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
