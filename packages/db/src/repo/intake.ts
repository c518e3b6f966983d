import { type IntakePlan, requestEventRow, requestNoticeRow } from "@wuye/core";
import { and, eq, fillPlaceholders, inArray, isNull, Param, type Placeholder, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { type CompiledQuery, compiledCache } from "./compiled.ts";
import { countUp } from "./rate-counters.ts";
import { batchAll } from "./versioned.ts";
import { attachments, idempotencyKeys, milestones, outbox, rateCounters, requestEvents, requests, residents } from "../schema/branch.ts";

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

/** The write's statements, built through drizzle from `w` (whose values may be placeholders). */
function statementsOf(db: BranchDb, w: NewRequestWrite) {
  const byPhone = eq(residents.phone, w.request.contactPhone);
  const statements = [
    // First, so that a replayed key fails before anything else is built into the transaction.
    ...(w.idempotency ? [db.insert(idempotencyKeys).values(w.idempotency)] : []),
    // Every counter (phone, IP) in one statement: each takes the new text and time, and counts one more.
    ...(w.counters?.length ? [countUp(db, w.counters)] : []),
    db.insert(requests).values({
      ...w.request,
      residentId: w.request.residentId ?? sql`(${db.select({ id: residents.id }).from(residents).where(byPhone).limit(1)})`,
    }),
    db.insert(requestEvents).values(w.event),
    ...(w.milestones.length ? [db.insert(milestones).values(w.milestones)] : []),
    db.insert(outbox).values(w.outbox),
    ...(w.attachmentIds?.length
      ? [
          db
            .update(attachments)
            .set({ requestId: w.request.id })
            .where(and(inArray(attachments.id, w.attachmentIds), isNull(attachments.requestId))),
        ]
      : []),
    // Last: their results (the rows written) are what the caller reads back.
    ...(w.residentOutbox ?? []).map((row) =>
      db
        .insert(outbox)
        .select((qb) =>
          qb
            .select({
              id: sql<string>`${row.id}`.as("id"),
              topic: sql<string>`${row.topic}`.as("topic"),
              payload: sql<string>`${new Param(row.payload, outbox.payload)}`.as("payload"),
              createdAt: sql<number>`${row.createdAt}`.as("created_at"),
              publishedAt: sql<null>`null`.as("published_at"),
              attempts: sql<number>`0`.as("attempts"),
            })
            .from(residents)
            .where(byPhone)
            .limit(1),
        )
        .returning({ id: outbox.id }),
    ),
  ];
  return statements;
}

/**
 * The same write with every value replaced by a placeholder named after its path (`request.id`,
 * `milestones.1.dueAt`), those values by path, and the write's shape: which paths it has.
 */
function parametrize(w: NewRequestWrite) {
  const values: Record<string, unknown> = {};
  const paths: string[] = [];
  const leaf = (path: string, value: unknown): Placeholder => {
    values[path] = value;
    paths.push(path);
    return sql.placeholder(path);
  };
  const row = <T extends object>(prefix: string, r: T): T =>
    Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v === undefined ? [] : [[k, leaf(`${prefix}.${k}`, v)]]))) as T;
  const rows = <T extends object>(prefix: string, list: T[] | undefined) => list?.map((r, i) => row(`${prefix}.${i}`, r));
  const template: NewRequestWrite = {
    request: row("request", w.request),
    event: row("event", w.event),
    milestones: rows("milestones", w.milestones)!,
    outbox: rows("outbox", w.outbox)!,
    ...(w.residentOutbox ? { residentOutbox: rows("residentOutbox", w.residentOutbox)! } : {}),
    ...(w.idempotency ? { idempotency: row("idempotency", w.idempotency) } : {}),
    ...(w.counters ? { counters: rows("counters", w.counters)! } : {}),
    ...(w.attachmentIds ? { attachmentIds: w.attachmentIds.map((id, i) => leaf(`attachmentIds.${i}`, id) as unknown as string) } : {}),
  };
  return { template, values, shape: paths.join(",") };
}

/**
 * Intake's statements compiled once per shape of write and isolate: building ~8 inserts through drizzle on
 * every create cost about a quarter of the api's JavaScript per create (see docs/performance.md).
 */
const compiled = compiledCache<CompiledQuery[]>();

/**
 * The request, its first event, its milestones, the outbox rows, the idempotency answer and the counters:
 * one transaction, one round trip. It fails as a whole when the key was used (primary key) or a limit is
 * reached (trigger); the caller reads why only then. Returns the resident outbox rows actually written.
 */
export async function insertRequest(db: BranchDb, w: NewRequestWrite): Promise<{ residentOutboxIds: string[] }> {
  const { template, values, shape } = parametrize(w);
  // Not `compile`: the inserts hold the schema's column defaults as literal values, the same for every write.
  const queries = compiled(shape, () => statementsOf(db, template).map((s) => s.toSQL()));
  const results = await db.$client.batch(
    queries.map((q) => ({ sql: q.sql, args: fillPlaceholders(q.params, values) as never })),
    "write",
  );
  const forResident = results.slice(results.length - (w.residentOutbox?.length ?? 0));
  return { residentOutboxIds: forResident.flatMap((rs) => rs.rows.map((r) => String(r.id))) };
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
  const requestId = plan.request.id;
  // An intake's notices are told apart by their type (one of each per request).
  const notice = (n: IntakePlan["notices"][number]) =>
    requestNoticeRow(
      branch,
      {
        subjectId: requestId,
        part: n.type,
        requestId,
        type: n.type,
        recipients: n.recipients,
        to: n.to,
        params: n.params,
        heldBy: n.heldBy,
      },
      now,
    );
  const rows = [
    requestEventRow(branch, { eventId: plan.event.id, type: plan.event.type, requestId }, now),
    ...plan.notices.filter((n) => !n.ifResident).map(notice),
  ];
  const ifResident = plan.notices.filter((n) => n.ifResident).map(notice);
  const { residentOutboxIds } = await insertRequest(db, {
    request: plan.request,
    event: plan.event,
    milestones: plan.milestones.map((m) => ({
      ...m,
      requestId: plan.request.id,
      status: "open",
      sourceEventId: plan.event.id,
      createdAt: now,
      updatedAt: now,
    })),
    outbox: rows,
    residentOutbox: ifResident,
    ...extra,
  });
  return [...rows, ...ifResident.filter((r) => residentOutboxIds.includes(r.id))];
}

/**
 * What intake reads only after the database refused its write: the Idempotency-Key's earlier answer and the
 * day's abuse counters, in one batch. Nothing is read when there is neither.
 */
export async function intakeRefusalFacts(
  db: BranchDb,
  q: { idempotency?: { scope: string; key: string } | undefined; limitKeys: string[]; window: number },
) {
  const idempotent = q.idempotency
    ? db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, q.idempotency.scope), eq(idempotencyKeys.key, q.idempotency.key)))
        .limit(1)
    : undefined;
  const counters = q.limitKeys.length
    ? db
        .select()
        .from(rateCounters)
        .where(and(inArray(rateCounters.key, q.limitKeys), eq(rateCounters.window, q.window)))
    : undefined;
  const rest = (await batchAll(db, [idempotent ?? false, counters ?? false])) as unknown[][];
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
