import { sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { rateCounters } from "../schema/branch.ts";

/** One abuse counter moved by a write: its key and window, the cap it may not pass, and (for repeats) the text. */
export interface CounterStep {
  key: string;
  window: number;
  cap: number;
  text?: string | null;
  at: number;
}

/** `excluded.<column>` in an upsert: the value the conflicting insert brought. */
const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;

/**
 * Every counter counts one more, in one statement of the caller's batch; the `rate_counters_guard` trigger
 * (branch migration 0005) aborts the whole batch when one would pass its cap, so a refused write leaves nothing.
 */
export function countUp(db: BranchDb, steps: CounterStep[]) {
  return db
    .insert(rateCounters)
    .values(steps.map((c) => ({ key: c.key, window: c.window, count: 1, lastText: c.text ?? null, lastAt: c.at, cap: c.cap })))
    .onConflictDoUpdate({
      target: [rateCounters.key, rateCounters.window],
      set: {
        count: sql`${rateCounters.count} + 1`,
        lastText: excluded(rateCounters.lastText),
        lastAt: excluded(rateCounters.lastAt),
        cap: excluded(rateCounters.cap),
      },
    });
}

/** Whether a write was refused by the limits trigger (the error may be wrapped by the client). */
export function refusedByLimits(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e.message.includes("rate_counters_guard")) return true;
  return false;
}
