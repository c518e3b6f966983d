import { z } from "zod";
import { isoDateOf, localDayOf } from "../deadline/zoned-time.ts";
import { CATALOG, t } from "../i18n/index.ts";
import { type NoticeType, URGENT_NOTICES } from "./types.ts";

// Text messages cost the branch money, and a one-time code is the one a stranger can make us send at will.

/**
 * What may be texted per hour: from one client IP (the portal's codes), to one phone (codes and the tracking link
 * of a request taken by phone), and by one branch in all.
 */
export const SMS_HOURLY_LIMITS = { perIp: 5, perPhone: 5, perBranch: 120 } as const;

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

/** The counter key of one phone's texts this hour. */
export const smsPhoneKey = (phone: string): string => `sms-phone:${phone}`;
export const SMS_BRANCH_KEY = "sms-branch";

/**
 * The hourly counters a text adds to; the database refuses the write that would pass a cap. A client IP is
 * counted only where a stranger asks (the portal); staff taking a call text from the branch's own desk.
 */
export function smsCounters(to: { phone: string; clientIp?: string }, at: number): SmsCounter[] {
  const window = hourWindow(at);
  return [
    ...(to.clientIp ? [{ key: `sms-ip:${to.clientIp}`, window, cap: SMS_HOURLY_LIMITS.perIp, at }] : []),
    { key: smsPhoneKey(to.phone), window, cap: SMS_HOURLY_LIMITS.perPhone, at },
    { key: SMS_BRANCH_KEY, window, cap: SMS_HOURLY_LIMITS.perBranch, at },
  ];
}

/** Which hourly limit refused a text, from this hour's counts of its phone and of the branch. */
export function hourlyHold(counts: { phone: number; branch: number }): SmsHoldReason {
  return counts.phone >= SMS_HOURLY_LIMITS.perPhone ? "phone-hourly" : "branch-hourly";
}

/** The counter of texts sent today, a calendar day in the branch's time zone: the daily budget's count. */
export const SMS_DAY_KEY = "sms-day";
export function smsDay(timeZone: string, at: number): { window: number; date: string } {
  const window = localDayOf(timeZone, at);
  return { window, date: isoDateOf(window) };
}

export type SmsBudgetVerdict = "send" | "over-budget";

/** Past the day's budget only urgent notices (alarms, codes, breaches, escalations) are still texted. */
export function smsBudgetVerdict(type: NoticeType, sentToday: number, budget: number): SmsBudgetVerdict {
  if (sentToday < budget) return "send";
  return URGENT_NOTICES.has(type) ? "send" : "over-budget";
}

/**
 * Whether a text finds the day's budget reached once it is counted (`sentBefore` were sent before it): the one that
 * spends the budget, and every one after. The manager's alarm then goes out, once a day by its id.
 */
export const smsBudgetReached = (sentBefore: number, budget: number): boolean => sentBefore + 1 >= budget;

/** Why a text was not sent but kept, held, with the limit that stopped it. */
export const SMS_HOLD_REASONS = ["phone-hourly", "branch-hourly", "daily-budget"] as const;
export type SmsHoldReason = (typeof SMS_HOLD_REASONS)[number];

/** What staff are told of the caller's tracking-link text when they record a request: queued, or held and why. */
export const TrackingSmsSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("queued") }),
  z.object({ status: z.literal("held"), reason: z.enum(SMS_HOLD_REASONS), limit: z.number().int() }),
]);
export type TrackingSms = z.infer<typeof TrackingSmsSchema>;

/** The limit each hold names, for a branch whose daily budget is `budget`. */
export function smsHoldLimit(reason: SmsHoldReason, budget: number): number {
  if (reason === "phone-hourly") return SMS_HOURLY_LIMITS.perPhone;
  if (reason === "branch-hourly") return SMS_HOURLY_LIMITS.perBranch;
  return budget;
}

/** The reason kept with a held delivery, in English like the gateways' own; `readSmsHold` reads it back. */
export const smsHoldText = (reason: SmsHoldReason, limit: number): string => t("en", `sms.held.${reason}`, { limit });

/** A held delivery's reason as written by `smsHoldText`, so that a screen can say it in the reader's language. */
export function readSmsHold(text: string | null | undefined): { reason: SmsHoldReason; limit: number } | null {
  if (!text) return null;
  for (const reason of SMS_HOLD_REASONS) {
    const [before, after] = CATALOG.en[`sms.held.${reason}`].split("{limit}") as [string, string];
    if (text.startsWith(before) && text.endsWith(after)) {
      const limit = Number(text.slice(before.length, text.length - after.length));
      if (Number.isInteger(limit) && limit >= 0) return { reason, limit };
    }
  }
  return null;
}
