import { type NoticeType, URGENT_NOTICES } from "./types.ts";

// Text messages cost the branch money, and a one-time code is the one a stranger can make us send at will.

/** What the portal may ask to be texted per hour: from one client IP, and for one branch in all. */
export const SMS_HOURLY_LIMITS = { perIp: 5, perBranch: 120 } as const;

/** A branch's daily SMS budget unless its settings say otherwise. */
export const DEFAULT_SMS_DAILY_BUDGET = 500;

/** The UTC hour an instant falls in, as a counter window ("2026-12-05T20"). */
export const hourWindow = (at: number): string => new Date(at).toISOString().slice(0, 13);

export interface SmsCounter {
  key: string;
  window: string;
  cap: number;
}

/** The counters a texted code or link adds to; the database refuses the write that would pass a cap. */
export function smsRequestCounters(clientIp: string, at: number): SmsCounter[] {
  const window = hourWindow(at);
  return [
    { key: `sms-ip:${clientIp}`, window, cap: SMS_HOURLY_LIMITS.perIp },
    { key: "sms-branch", window, cap: SMS_HOURLY_LIMITS.perBranch },
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
