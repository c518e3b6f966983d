import { type IntakePlan, newId } from "@wuye/core";
import { and, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { attachments, auditLog, idempotencyKeys, milestonePauses, milestones, outbox, rateCounters, requestEvents, requests, residents } from "../schema/branch.ts";

export type RequestRow = typeof requests.$inferSelect;
export type RequestEventRow = typeof requestEvents.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;

export interface NewRequestWrite {
  /** Without `residentId`, the request is linked to the resident registered with its contact phone, if any. */
  request: typeof requests.$inferInsert;
  event: typeof requestEvents.$inferInsert;
  milestones: Array<typeof milestones.$inferInsert>;
  outbox: Array<typeof outbox.$inferInsert>;
  /** Outbox rows written only if the contact phone belongs to a registered resident (their acknowledgement). */
  residentOutbox?: Array<typeof outbox.$inferInsert>;
  idempotency?: typeof idempotencyKeys.$inferInsert;
  /** Abuse counters (phone, IP), each refused by the `rate_counters_guard` trigger above `cap` or on a repeat. */
  counters?: Array<{ key: string; window: number; text: string; at: number; cap: number }>;
  /** Photos uploaded before the request, linked to it in the same transaction. */
  attachmentIds?: string[];
}

/**
 * The request, its first event, its milestones, the outbox rows, the idempotency answer and the counters:
 * one transaction, one round trip. It fails as a whole when the key was used (primary key) or a limit is
 * reached (trigger); the caller reads why only then. Returns the resident outbox rows actually written.
 */
export async function insertRequest(db: BranchDb, w: NewRequestWrite): Promise<{ residentOutboxIds: string[] }> {
  const byPhone = eq(residents.phone, w.request.contactPhone);
  const statements = [
    // First, so that a replayed key fails before anything else is built into the transaction.
    ...(w.idempotency ? [db.insert(idempotencyKeys).values(w.idempotency)] : []),
    // Every counter (phone, IP) in one statement: each takes the new text and time, and counts one more.
    ...(w.counters?.length
      ? [
          db
            .insert(rateCounters)
            .values(w.counters.map((c) => ({ key: c.key, window: c.window, count: 1, lastText: c.text, lastAt: c.at, cap: c.cap })))
            .onConflictDoUpdate({
              target: [rateCounters.key, rateCounters.window],
              set: { count: sql`${rateCounters.count} + 1`, lastText: excluded(rateCounters.lastText), lastAt: excluded(rateCounters.lastAt), cap: excluded(rateCounters.cap) },
            }),
        ]
      : []),
    db.insert(requests).values({ ...w.request, residentId: w.request.residentId ?? sql`(${db.select({ id: residents.id }).from(residents).where(byPhone).limit(1)})` }),
    db.insert(requestEvents).values(w.event),
    ...(w.milestones.length ? [db.insert(milestones).values(w.milestones)] : []),
    db.insert(outbox).values(w.outbox),
    ...(w.attachmentIds?.length
      ? [db.update(attachments).set({ requestId: w.request.id }).where(and(inArray(attachments.id, w.attachmentIds), isNull(attachments.requestId)))]
      : []),
  ];
  const forResident = (w.residentOutbox ?? []).map((row) =>
    db
      .insert(outbox)
      .select((qb) =>
        qb
          .select({
            id: sql<string>`${row.id}`.as("id"),
            topic: sql<string>`${row.topic}`.as("topic"),
            payload: sql<string>`${JSON.stringify(row.payload)}`.as("payload"),
            createdAt: sql<number>`${row.createdAt}`.as("created_at"),
            publishedAt: sql<null>`null`.as("published_at"),
            attempts: sql<number>`0`.as("attempts"),
          })
          .from(residents)
          .where(byPhone)
          .limit(1),
      )
      .returning({ id: outbox.id }),
  );
  const results = (await db.batch([...statements, ...forResident] as unknown as Parameters<typeof db.batch>[0])) as unknown as unknown[];
  const written = results.slice(statements.length) as Array<Array<{ id: string }>>;
  return { residentOutboxIds: written.flatMap((rows) => rows.map((r) => r.id)) };
}

/** `excluded.<column>` in an upsert: the value the conflicting insert brought. */
const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;

export async function findIdempotent(db: BranchDb, scope: string, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

/**
 * What intake reads only after the database refused its write: the Idempotency-Key's earlier answer and the
 * day's abuse counters, in one batch. Nothing is read when there is neither.
 */
export async function intakeRefusalFacts(db: BranchDb, q: { idempotency?: { scope: string; key: string } | undefined; limitKeys: string[]; window: number }) {
  const idempotent = q.idempotency
    ? db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, q.idempotency.scope), eq(idempotencyKeys.key, q.idempotency.key))).limit(1)
    : undefined;
  const counters = q.limitKeys.length ? db.select().from(rateCounters).where(and(inArray(rateCounters.key, q.limitKeys), eq(rateCounters.window, q.window))) : undefined;
  const present = [idempotent, counters].filter((x) => x !== undefined);
  const rest = present.length ? ((await db.batch(present as unknown as Parameters<typeof db.batch>[0])) as unknown as unknown[][]) : [];
  const idempotentRows = (idempotent ? rest.shift() : []) as Array<typeof idempotencyKeys.$inferSelect>;
  const counterRows = (counters ? rest.shift() : []) as Array<typeof rateCounters.$inferSelect>;
  const counterOf = new Map(counterRows.map((c) => [c.key, c]));
  return { idempotent: idempotentRows[0] ?? null, counters: q.limitKeys.map((k) => counterOf.get(k) ?? null) };
}

/** Uploaded photos by id (intake links them to the new request only if each exists and is still unattached). */
export async function findAttachments(db: BranchDb, ids: string[]) {
  const rows = ids.length ? await db.select().from(attachments).where(inArray(attachments.id, ids)) : [];
  const byId = new Map(rows.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function findRequest(db: BranchDb, by: { id: string } | { trackingCode: string }): Promise<RequestRow | null> {
  const where = "id" in by ? eq(requests.id, by.id) : eq(requests.trackingCode, by.trackingCode);
  const [row] = await db.select().from(requests).where(where).limit(1);
  return row ?? null;
}

export async function requestTimeline(db: BranchDb, requestId: string) {
  const [events, ms] = await Promise.all([
    db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(requestEvents.at, requestEvents.id),
    db.select().from(milestones).where(eq(milestones.requestId, requestId)).orderBy(milestones.startAt, milestones.name),
  ]);
  return { events, milestones: ms };
}

export async function milestonesOf(db: BranchDb, requestIds: string[]): Promise<MilestoneRow[]> {
  if (requestIds.length === 0) return [];
  return db.select().from(milestones).where(inArray(milestones.requestId, requestIds));
}

export interface RegisterFilter {
  kind?: string | undefined;
  status?: string | undefined;
  channel?: string | undefined;
  ownerId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  q?: string | undefined;
  overdueAt?: number | undefined;
  phone?: string | undefined;
  cursor?: { createdAt: number; id: string } | undefined;
  limit: number;
}

/** The service information register: newest first, keyset pagination on (created_at, id). */
export async function listRequests(db: BranchDb, f: RegisterFilter): Promise<RequestRow[]> {
  const where: SQL[] = [];
  if (f.kind) where.push(eq(requests.kind, f.kind));
  if (f.status) where.push(eq(requests.status, f.status));
  if (f.channel) where.push(eq(requests.channel, f.channel));
  if (f.ownerId) where.push(eq(requests.ownerId, f.ownerId));
  if (f.phone) where.push(eq(requests.contactPhone, f.phone));
  if (f.from !== undefined) where.push(gte(requests.createdAt, f.from));
  if (f.to !== undefined) where.push(lte(requests.createdAt, f.to));
  if (f.q) where.push(sql`${requests.description} LIKE ${`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} ESCAPE '\\'`);
  if (f.overdueAt !== undefined) {
    where.push(
      inArray(
        requests.id,
        db
          .select({ id: milestones.requestId })
          .from(milestones)
          .where(and(inArray(milestones.status, ["open", "paused"]), lt(milestones.dueAt, f.overdueAt))),
      ),
    );
  }
  if (f.cursor) {
    where.push(or(lt(requests.createdAt, f.cursor.createdAt), and(eq(requests.createdAt, f.cursor.createdAt), lt(requests.id, f.cursor.id)))!);
  }
  return db
    .select()
    .from(requests)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(f.limit);
}

export async function writeAudit(db: BranchDb, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

export async function listAudit(db: BranchDb, subject?: { type: string; id: string }, limit = 100) {
  const where = subject ? and(eq(auditLog.subjectType, subject.type), eq(auditLog.subjectId, subject.id)) : undefined;
  return db.select().from(auditLog).where(where).orderBy(desc(auditLog.at)).limit(limit);
}

export async function milestonePausesOf(db: BranchDb, milestoneIds: string[]) {
  if (milestoneIds.length === 0) return [];
  return db.select().from(milestonePauses).where(inArray(milestonePauses.milestoneId, milestoneIds));
}

export async function markMilestoneBreached(db: BranchDb, milestoneId: string, at: number) {
  await db
    .update(milestones)
    .set({ breachedAt: at, updatedAt: at })
    .where(and(eq(milestones.id, milestoneId), isNull(milestones.breachedAt)));
}

/** Inserts outbox rows whose ids are deterministic: a repeated insert is ignored (exactly once). */
export async function enqueueOnce(db: BranchDb, rows: Array<typeof outbox.$inferInsert>): Promise<number> {
  if (rows.length === 0) return 0;
  const res = await db.insert(outbox).values(rows).onConflictDoNothing();
  return res.rowsAffected;
}

/**
 * Writes a planned intake (core `planIntake`) with its event and notices in the outbox, in one transaction;
 * returns the outbox rows written, so that the caller can publish them without reading them back.
 */
export async function recordIntake(
  db: BranchDb,
  plan: IntakePlan,
  branch: { id: string; orgId: string },
  extra: Pick<NewRequestWrite, "idempotency" | "counters" | "attachmentIds"> = {},
): Promise<Array<{ id: string; topic: string; payload: Record<string, unknown> }>> {
  const now = plan.request.createdAt;
  const notice = (n: IntakePlan["notices"][number]) => {
    const id = `ntf_${plan.request.id}_${n.type.replace(/\W/g, "-")}`;
    return { id, topic: "notifications", payload: { notificationId: id, type: n.type, branchId: branch.id, orgId: branch.orgId, requestId: plan.request.id, recipients: n.recipients, params: n.params } as Record<string, unknown> };
  };
  const rows = [
    {
      id: newId("obx", now),
      topic: "request-events",
      payload: { eventId: plan.event.id, type: plan.event.type, requestId: plan.request.id, branchId: branch.id, orgId: branch.orgId, at: now } as Record<string, unknown>,
    },
    ...plan.notices.filter((n) => !n.ifResident).map(notice),
  ];
  const ifResident = plan.notices.filter((n) => n.ifResident).map(notice);
  const { residentOutboxIds } = await insertRequest(db, {
    request: plan.request,
    event: plan.event,
    milestones: plan.milestones.map((m) => ({ ...m, requestId: plan.request.id, status: "open", sourceEventId: plan.event.id, createdAt: now, updatedAt: now })),
    outbox: rows.map((r) => ({ ...r, createdAt: now })),
    residentOutbox: ifResident.map((r) => ({ ...r, createdAt: now })),
    ...extra,
  });
  return [...rows, ...ifResident.filter((r) => residentOutboxIds.includes(r.id))];
}

/** Records the resident's rating once (inside `changeRequest`); false when the request was already rated. */
export async function rateRequest(db: Pick<BranchDb, "update">, requestId: string, rating: { score: number; comment: string | null; at: number }): Promise<boolean> {
  const res = await db
    .update(requests)
    .set({ satisfaction: rating.score, ratingComment: rating.comment, ratedAt: rating.at })
    .where(and(eq(requests.id, requestId), isNull(requests.ratedAt)));
  return res.rowsAffected === 1;
}

