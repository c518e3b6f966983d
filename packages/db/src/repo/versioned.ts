import type { BatchItem } from "drizzle-orm/batch";
import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { BranchDb } from "../client/index.ts";
import { inbox } from "../schema/branch.ts";

export type BranchTx = Parameters<Parameters<BranchDb["transaction"]>[0]>[0];

/** A versioned change: the row as written, or the version that is current instead; null when the row is gone. */
export type VersionedWrite<Row> = { ok: true; version: number; row: Row } | { ok: false; currentVersion: number } | null;

type VersionedTable = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn };

/**
 * The one "check the version, then update" of every versioned aggregate, inside the caller's transaction: reads
 * the row, refuses when it changed since `expectedVersion` (null = no check), writes `set(current)` with the next
 * version only if nobody wrote in between and `where` still holds, and returns the row as written.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: BranchTx,
  table: T,
  c: {
    id: string;
    expectedVersion: number | null;
    set: (current: T["$inferSelect"]) => SQLiteUpdateSetSource<T>;
    /** A further condition of the write (e.g. still unsigned); when it fails, the current version is answered. */
    where?: SQL | undefined;
  },
): Promise<VersionedWrite<T["$inferSelect"]>> {
  const [current] = (await tx
    .select()
    .from(table as SQLiteTable)
    .where(eq(table.id, c.id))) as Array<T["$inferSelect"]>;
  if (!current) return null;
  const seen = (current as { version: number }).version;
  if (c.expectedVersion !== null && seen !== c.expectedVersion) return { ok: false, currentVersion: seen };
  const version = seen + 1;
  const [row] = (await tx
    .update(table)
    .set({ ...c.set(current), version } as SQLiteUpdateSetSource<T>)
    .where(and(eq(table.id, c.id), eq(table.version, seen), c.where))
    .returning()) as Array<T["$inferSelect"]>;
  if (row) return { ok: true, version, row };
  const [now] = (await tx
    .select({ version: table.version })
    .from(table as SQLiteTable)
    .where(eq(table.id, c.id))) as Array<{
    version: number;
  }>;
  return now ? { ok: false, currentVersion: now.version } : null;
}

/** Inbox rows written with a change, idempotent by (notification, recipient). */
export async function insertInboxRows(tx: BranchTx, rows: Array<typeof inbox.$inferInsert>): Promise<void> {
  if (rows.length) await tx.insert(inbox).values(rows).onConflictDoNothing();
}

type Batcher = Pick<BranchDb, "batch">;
const present = (s: BatchItem<"sqlite"> | false): s is BatchItem<"sqlite"> => s !== false;

/** One batch of a first statement and optional further ones (`false` left out): drizzle wants a non-empty tuple. */
export async function batchOf<F extends BatchItem<"sqlite">>(db: Batcher, first: F, rest: Array<BatchItem<"sqlite"> | false>) {
  return db.batch([first, ...rest.filter(present)]);
}

/** One batch of any number of statements (`false` left out); nothing is sent when none is left. */
export async function batchAll(db: Batcher, statements: Array<BatchItem<"sqlite"> | false>): Promise<unknown[]> {
  const [first, ...rest] = statements.filter(present);
  return first ? db.batch([first, ...rest]) : [];
}
