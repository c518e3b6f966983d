import { z } from "zod";
import { addWorkingTime, type Calendar, workingTimeBetween } from "./calendar.ts";

/** Why a clock waits on the resident (the company is not late while it waits). */
export const PAUSE_REASONS = ["appointment", "resident-unreachable", "awaiting-quote-decision", "deferred-acceptance", "other"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const PauseReasonSchema = z.enum(PAUSE_REASONS);

export interface Pause {
  from: number;
  to: number | null;
  reason: PauseReason;
}

/** Pauses merged so that overlaps count once; open pauses end at `openEnd`. Sorted. */
export function mergePauses(pauses: readonly Pause[], openEnd: number): Array<[number, number]> {
  const spans = pauses
    .map((p) => [p.from, p.to ?? openEnd] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Paused working time after `startMs`, measured in the milestone's calendar. */
export function pausedWorkingTime(cal: Calendar, startMs: number, pauses: readonly Pause[], openEnd: number): number {
  let total = 0;
  for (const [a, b] of mergePauses(pauses, openEnd)) total += workingTimeBetween(cal, Math.max(a, startMs), b);
  return total;
}

/**
 * The due instant given merged pause spans: the clock stops during each pause that begins before the
 * due as it stands then (moved by the earlier pauses). A pause that begins at or after the due does not
 * move it — a milestone already late stays late. Equal to `addWorkingTime(cal, start, duration + the
 * paused working time of the pauses that count)`.
 */
function dueAfter(cal: Calendar, startMs: number, durationMs: number, spans: ReadonlyArray<readonly [number, number]>): number {
  let due = addWorkingTime(cal, startMs, durationMs);
  let paused = 0;
  for (const [a, b] of spans) {
    if (b <= startMs) continue;
    if (a >= due) break;
    const ms = workingTimeBetween(cal, Math.max(a, startMs), b);
    if (ms === 0) continue;
    paused += ms;
    due = addWorkingTime(cal, startMs, durationMs + paused);
  }
  return due;
}

/**
 * The due instant with pauses: the unpaused due moved later by the paused working time of the pauses
 * that began before it (see `dueAfter`). While a pause is open the due is not determined: null (see
 * `projectedDueAt`).
 */
export function dueWithPauses(cal: Calendar, startMs: number, durationMs: number, pauses: readonly Pause[]): number | null {
  if (pauses.some((p) => p.to === null)) return null;
  return dueAfter(cal, startMs, durationMs, mergePauses(pauses, startMs));
}

/** The due instant if every open pause ended at `nowMs`: what a countdown shows while paused. */
export function projectedDueAt(cal: Calendar, startMs: number, durationMs: number, pauses: readonly Pause[], nowMs: number): number {
  return dueAfter(cal, startMs, durationMs, mergePauses(pauses, nowMs));
}

/** How late a milestone is at `nowMs` (or was when met), in plain milliseconds; 0 when not late. */
export function overdueMs(dueAt: number | null, nowMs: number, metAt?: number | null): number {
  if (dueAt === null) return 0;
  return Math.max(0, (metAt ?? nowMs) - dueAt);
}
