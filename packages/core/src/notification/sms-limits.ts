import { type NoticeType, URGENT_NOTICES } from "./types.ts";

// Text messages cost the branch money, and a one-time code is the one a stranger can make us send at will.

/** What the portal may ask to be texted per hour: from one client IP, and for one branch in all. */
export const SMS_HOURLY_LIMITS = { perIp: 5, perBranch: 120 } as const;

/** A branch's daily SMS budget unless its settings say otherwise. */
export const DEFAULT_SMS_DAILY_BUDGET = 500;

const HOUR_MS = 3_600_000;

/** The hour an instant falls in, as a counter window (hours since the epoch). */
export const hourWindow = (at: number): number => Math.floor(at / HOUR_MS);

/** Seconds until the hour of `at` ends: when an hourly limit lets go again. */
export const secondsToNextHour = (at: number): number => Math.ceil((HOUR_MS - (at % HOUR_MS)) / 1000);

export interface SmsCounter {
  key: string;
  window: number;
  cap: number;
  at: number;
}

/** The counters a texted code or link adds to; the database refuses the write that would pass a cap. */
export function smsRequestCounters(clientIp: string, at: number): SmsCounter[] {
  const window = hourWindow(at);
  return [
    { key: `sms-ip:${clientIp}`, window, cap: SMS_HOURLY_LIMITS.perIp, at },
    { key: "sms-branch", window, cap: SMS_HOURLY_LIMITS.perBranch, at },
  ];
}

export type SmsBudgetVerdict = "send" | "over-budget";

/** Past the day's budget only urgent notices (alarms, codes, breaches, escalations) are still texted. */
export function smsBudgetVerdict(type: NoticeType, sentToday: number, budget: number): SmsBudgetVerdict {
  if (sentToday < budget) return "send";
  return URGENT_NOTICES.has(type) ? "send" : "over-budget";
}

/** The branch manager is alarmed once, by the message that first finds the budget spent. */
export const budgetJustSpent = (sentToday: number, budget: number): boolean => sentToday === budget;
