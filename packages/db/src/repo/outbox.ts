import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { outbox } from "../schema/branch.ts";

export type OutboxRow = typeof outbox.$inferSelect;
export interface OutboxMessage {
  outboxId: string;
  topic: string;
  payload: Record<string, unknown>;
}

/**
 * Sends unpublished rows through `send` and marks them published only after the queue accepted them.
 * A crash between the two re-sends later (at-least-once); consumers drop repeats by event id.
 * `rows`: rows the caller has just committed, published as they are (no read back); otherwise the
 * unpublished rows matching `ids` / `olderThan` are read first.
 */
export async function publishOutbox(
  db: BranchDb,
  send: (topic: string, messages: OutboxMessage[]) => Promise<void>,
  opts: { ids?: string[]; olderThan?: number; limit?: number; rows?: Array<Pick<OutboxRow, "id" | "topic" | "payload">> } = {},
): Promise<number> {
  let rows = opts.rows;
  if (!rows) {
    const where = [isNull(outbox.publishedAt)];
    if (opts.ids) where.push(inArray(outbox.id, opts.ids));
    if (opts.olderThan !== undefined) where.push(lt(outbox.createdAt, opts.olderThan));
    rows = await db
      .select()
      .from(outbox)
      .where(and(...where))
      .orderBy(asc(outbox.createdAt))
      .limit(opts.limit ?? 100);
  }
  if (rows.length === 0) return 0;
  const byTopic = new Map<string, Array<Pick<OutboxRow, "id" | "topic" | "payload">>>();
  for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  const published: string[] = [];
  for (const [topic, group] of byTopic) {
    try {
      await send(
        topic,
        group.map((r) => ({ outboxId: r.id, topic, payload: r.payload })),
      );
    } catch {
      await db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1` })
        .where(
          inArray(
            outbox.id,
            group.map((r) => r.id),
          ),
        );
      continue;
    }
    published.push(...group.map((r) => r.id));
  }
  // One mark for every topic the queues accepted (an intake with notices sends to two queues).
  if (published.length) await db.update(outbox).set({ publishedAt: Date.now() }).where(inArray(outbox.id, published));
  return published.length;
}

export async function pendingOutboxCount(db: BranchDb): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(outbox).where(isNull(outbox.publishedAt));
  return Number(row?.n ?? 0);
}

export async function findOutbox(db: BranchDb, id: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}

/** Notifications that change nothing else in the branch (a staff member's link or code): the outbox rows alone. */
export async function insertOutboxRows(db: BranchDb, rows: Array<typeof outbox.$inferInsert>): Promise<void> {
  if (rows.length) await db.insert(outbox).values(rows);
}
