// Head office's on-time rate (按时率), defined once: overview, drill-down, ranking and trends all count
// milestones with `milestoneOutcome` and divide with `onTimeRate`.

/** A milestone as head office sees it (the PII-free fact). */
export interface MilestoneFactView {
  status: string; // open | paused | met | cancelled
  dueAt: number | null;
  metAt: number | null;
  breachedAt: number | null;
}

/**
 * Where a milestone stands for the on-time rate at `now`:
 * - `metOnTime` / `metLate`: met by / after its due;
 * - `overdueOpen`: still running (or paused) past its due;
 * - `overdueClosed`: closed without being met (its request ended) after it had breached;
 * - `openInTime`: running, not due yet (shown, not counted);
 * - `notCounted`: cancelled before its due, or met on a clock that had no due (a calendar without working time).
 */
export type MilestoneOutcome = "metOnTime" | "metLate" | "overdueOpen" | "overdueClosed" | "openInTime" | "notCounted";

export function milestoneOutcome(m: MilestoneFactView, now: number): MilestoneOutcome {
  if (m.status === "met") return m.dueAt === null || m.metAt === null ? "notCounted" : m.metAt <= m.dueAt ? "metOnTime" : "metLate";
  if (m.status === "open" || m.status === "paused") return m.dueAt !== null && m.dueAt < now ? "overdueOpen" : "openInTime";
  return m.breachedAt !== null ? "overdueClosed" : "notCounted";
}

/** What the on-time rate divides: the decided milestones of a period. */
export interface OnTimeTally {
  metOnTime: number;
  metLate: number;
  overdueOpen: number;
  overdueClosed: number;
}

export const EMPTY_TALLY: OnTimeTally = { metOnTime: 0, metLate: 0, overdueOpen: 0, overdueClosed: 0 };

export function addTallies(...tallies: OnTimeTally[]): OnTimeTally {
  return tallies.reduce(
    (s, t) => ({
      metOnTime: s.metOnTime + t.metOnTime,
      metLate: s.metLate + t.metLate,
      overdueOpen: s.overdueOpen + t.overdueOpen,
      overdueClosed: s.overdueClosed + t.overdueClosed,
    }),
    EMPTY_TALLY,
  );
}

/** Counts milestones by outcome (the reference the database's grouped counts are tested against). */
export function tallyMilestones(milestones: readonly MilestoneFactView[], now: number): OnTimeTally & { openInTime: number } {
  const out = { ...EMPTY_TALLY, openInTime: 0 };
  for (const m of milestones) {
    const o = milestoneOutcome(m, now);
    if (o !== "notCounted") out[o] += 1;
  }
  return out;
}

/** Met on time / (met on time + met late + overdue, open or closed), in percent with one decimal; null when nothing is decided. */
export function onTimeRate(t: OnTimeTally): number | null {
  const decided = t.metOnTime + t.metLate + t.overdueOpen + t.overdueClosed;
  return decided === 0 ? null : Math.round((t.metOnTime / decided) * 1000) / 10;
}

/** Residents rate a request's service from 1 to 5: head office shows the mean with this scale ("4.2 / 5"). */
export const SATISFACTION_SCALE = 5;
