import { type BranchDb, type OutboxMessage, type OutboxRow, publishOutbox } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "./hono-env.ts";
import type { Services } from "./services.ts";

/** The outbox's send function for this worker's queue bindings. */
export function sendToQueue(s: Pick<Services, "queues">) {
  return async (topic: string, messages: OutboxMessage[]) => {
    const queue = topic === "notifications" ? s.queues.notifications : s.queues.requestEvents;
    await queue.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
  };
}

type CommittedRow = Pick<OutboxRow, "id" | "topic" | "payload">;

/**
 * Hands outbox rows just committed with a change to the queues after the response, from the rows in hand
 * (no read back); the sweep re-publishes any it misses.
 */
export function publishAfter(c: Context<HonoEnv>, db: BranchDb, rows: CommittedRow[]) {
  c.executionCtx.waitUntil(publishOutbox(db, sendToQueue(c.var.services), { rows }));
}

/** A queue accepts at most 100 messages per send. */
const ROWS_PER_PUBLICATION = 100;

/**
 * Committed outbox rows waiting for this isolate's publication in flight, per branch database. Each
 * publication costs a queue send and an update (two subrequests, the costliest work of a create in
 * workerd), and creates finish faster than that under load: a publication in flight takes along the rows
 * of every create that finished meanwhile, so one send and one mark serve several creates. Nothing is
 * lost: the rows are committed before they wait here, and rows whose publication fails, or whose isolate
 * goes away, stay unpublished in the database until the sweep re-publishes them (consumers drop repeats).
 * Only plain rows are shared between requests: each publication uses its own request's client and queue.
 */
const waiting = new Map<string, { rows: CommittedRow[]; publisher: symbol | null; progressAt: number }>();

/** A publisher that made no progress for this long was cancelled with its request: another takes over. */
const STALE_PUBLISHER_MS = 5_000;

/** Publishes rows just committed to `db` (at `dbUrl`): now, or with the publication already in flight. */
export function publishCommitted(s: Pick<Services, "queues">, db: BranchDb, dbUrl: string, rows: CommittedRow[]): Promise<void> {
  let batch = waiting.get(dbUrl);
  if (!batch) {
    batch = { rows: [], publisher: null, progressAt: 0 };
    waiting.set(dbUrl, batch);
  }
  batch.rows.push(...rows);
  if (batch.publisher && Date.now() - batch.progressAt < STALE_PUBLISHER_MS) return Promise.resolve();
  const own = batch;
  const me = Symbol("publisher");
  own.publisher = me;
  return (async () => {
    // Until nothing waits, or another publisher took over.
    while (own.publisher === me && own.rows.length) {
      own.progressAt = Date.now();
      await publishOutbox(db, sendToQueue(s), { rows: own.rows.splice(0, ROWS_PER_PUBLICATION) }).catch((err: unknown) => {
        console.error(JSON.stringify({ level: "warn", msg: "outbox publication failed; the sweep re-publishes", error: String(err) }));
      });
    }
    if (own.publisher === me) own.publisher = null;
  })();
}
