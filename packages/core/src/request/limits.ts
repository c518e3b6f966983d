/** The public portal's abuse limits, per day in the branch's zone, counted per phone and per client IP. */

/** The same text from the same phone again within this window is a double submission, not a new request. */
export const REPEAT_TEXT_WINDOW_MS = 60_000;

/** What a counter keeps of a submission's text to spot a repeat (its start: enough for a double tap). */
export const counterText = (description: string): string => description.slice(0, 200);

export interface LimitCounter {
  key: string;
  count: number;
  lastText: string | null;
  lastAt: number | null;
}

export type IntakeRefusal = "daily-limit" | "repeat" | null;

/**
 * Why a public submission is refused, from the counters as they stood before it. The database enforces the
 * same rule as it writes (trigger `rate_counters_guard`, branch migration 0005, with 60000 ms written out: keep
 * REPEAT_TEXT_WINDOW_MS equal to it); this names the reason.
 */
export function intakeRefusal(
  counters: Array<LimitCounter | null>,
  submission: { text: string; at: number; dailyLimit: number },
): IntakeRefusal {
  if (counters.some((c) => c && c.count >= submission.dailyLimit)) return "daily-limit";
  const text = counterText(submission.text);
  const repeat = counters.some(
    (c) => c?.key.startsWith("phone:") && c.lastText === text && c.lastAt !== null && submission.at - c.lastAt < REPEAT_TEXT_WINDOW_MS,
  );
  return repeat ? "repeat" : null;
}
