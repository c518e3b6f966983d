import { SMS_DAY_KEY } from "@wuye/core";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { rateCounters } from "../schema/branch.ts";
import { type CounterStep, countUp, refusedByLimits } from "./rate-counters.ts";

// Texts cost the branch money: hourly counters refuse a text past their cap, and the day's count meets the budget.

/** Counts a text on each counter in one statement; false when a cap refused it (then nothing was counted). */
export async function tryCountUp(db: BranchDb, steps: CounterStep[]): Promise<boolean> {
  try {
    await countUp(db, steps);
    return true;
  } catch (err) {
    if (refusedByLimits(err)) return false;
    throw err;
  }
}

/** Takes back what `countUp` counted for a text that was not sent after all (its write failed, its gateway refused). */
export async function countDown(db: BranchDb, steps: Array<Pick<CounterStep, "key" | "window">>): Promise<void> {
  for (const window of new Set(steps.map((s) => s.window))) {
    const keys = steps.filter((s) => s.window === window).map((s) => s.key);
    await db
      .update(rateCounters)
      .set({ count: sql`max(${rateCounters.count} - 1, 0)` })
      .where(and(eq(rateCounters.window, window), inArray(rateCounters.key, keys)));
  }
}

/** This window's counts of some counters (0 for one that never moved). */
export async function countsOf(db: BranchDb, keys: string[], window: number): Promise<number[]> {
  const rows = await db
    .select({ key: rateCounters.key, count: rateCounters.count })
    .from(rateCounters)
    .where(and(eq(rateCounters.window, window), inArray(rateCounters.key, keys)));
  const byKey = new Map(rows.map((r) => [r.key, r.count]));
  return keys.map((k) => byKey.get(k) ?? 0);
}

/** The day's count: it has no cap, since urgent notices are texted past the budget. */
const dayStep = (window: number, at: number): CounterStep => ({ key: SMS_DAY_KEY, window, cap: Number.MAX_SAFE_INTEGER, at });

/**
 * Counts one text on the branch's day (a local calendar day, `smsDay`) and answers how many were counted before
 * it, in one statement: two texts sent at once each see the other, so the budget is never passed by a race.
 */
export async function countSmsToday(db: BranchDb, day: { window: number; at: number }): Promise<number> {
  const [row] = await countUp(db, [dayStep(day.window, day.at)]).returning({ count: rateCounters.count });
  return (row?.count ?? 1) - 1;
}

/** Takes back a text counted on the day that was held or failed. */
export const uncountSmsToday = (db: BranchDb, window: number) => countDown(db, [{ key: SMS_DAY_KEY, window }]);

/** Texts counted on the branch's day so far. */
export async function smsSentToday(db: BranchDb, window: number): Promise<number> {
  const [count] = await countsOf(db, [SMS_DAY_KEY], window);
  return count ?? 0;
}
