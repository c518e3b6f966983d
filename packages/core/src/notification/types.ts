import { z } from "zod";
import { t, type Locale, type MessageKey } from "../i18n/index.ts";

/** Every notice the system sends; each has a title and a body template in both languages. */
export const NOTICE_TYPES = [
  "milestone.warning",
  "milestone.breach",
  "milestone.escalation",
  "request.received",
  "request.trackingLink",
  "request.dispatched",
  "request.closed",
  "request.alarm",
  "resident.otp",
  "staff.link", // an invite or a password reset: a one-time link to set the password
  "staff.code", // forgot password: a one-time code
  "workOrder.review",
  "workOrder.priceDecided",
  "workOrder.dispatched",
  "workOrder.quoted",
  "workOrder.refused",
  "workOrder.completed",
  "request.reply",
  "request.reopened",
  "request.handover",
  "complaint.replyForApproval",
  "complaint.replyReturned",
  "complaint.escalated",
  "sms.budgetReached", // to the branch manager: the day's SMS budget is spent
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const CHANNEL_NAMES = ["inbox", "sms", "email", "webhook"] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];
export const ChannelNameSchema = z.enum(CHANNEL_NAMES);

/** Urgent notices ignore quiet hours (alarms, one-time codes, breaches and escalations). */
export const URGENT_NOTICES: ReadonlySet<NoticeType> = new Set([
  "request.alarm",
  "resident.otp",
  "staff.link",
  "staff.code",
  "milestone.breach",
  "milestone.escalation",
  "workOrder.review",
  "complaint.escalated",
]);

/**
 * Whether quiet hours hold this delivery back: only SMS and email to residents (and callers) of a non-urgent
 * notice. The in-app inbox is never held, and staff are never held by residents' quiet hours.
 */
export function heldByQuietHours(type: NoticeType, to: "resident" | "contact" | "staff" | "branch", channel: ChannelName): boolean {
  return !URGENT_NOTICES.has(type) && (to === "resident" || to === "contact") && (channel === "sms" || channel === "email");
}

export function renderNotice(type: NoticeType, locale: Locale, params: Record<string, string | number>): { title: string; body: string } {
  return {
    title: t(locale, `notify.${type}.title` as MessageKey, params),
    body: t(locale, `notify.${type}.body` as MessageKey, params),
  };
}

export const QuietHoursSchema = z.strictObject({ from: z.string().regex(/^\d\d:\d\d$/), to: z.string().regex(/^\d\d:\d\d$/) });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/**
 * Seconds to wait until quiet hours end at `now` in `timeZone`, or 0 when outside them. Windows may wrap
 * midnight (22:00–07:00).
 */
export function secondsUntilQuietEnds(q: QuietHours, timeZone: string, now: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const sec = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  const from = Number(q.from.slice(0, 2)) * 3600 + Number(q.from.slice(3)) * 60;
  const to = Number(q.to.slice(0, 2)) * 3600 + Number(q.to.slice(3)) * 60;
  const inside = from <= to ? sec >= from && sec < to : sec >= from || sec < to;
  if (!inside) return 0;
  return (to - sec + 86_400) % 86_400 || 86_400;
}

/**
 * Delivery attempts before a notification is dead-lettered with its reason. With the backoff below, ten
 * attempts span at least 6.75 minutes (at most about 13.5), so a provider down for a few minutes delays
 * notices but loses none (six attempts spanned 31–62 s: a one-minute outage dead-lettered half of them,
 * test/faults/notify-channel-down.test.ts). The queue's own `max_retries` (10) stays above it.
 */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** Exponential backoff with full jitter on the upper half, capped at 5 minutes. */
export function retryDelaySeconds(attempts: number, random = Math.random): number {
  const ceiling = Math.min(300, 2 ** Math.min(Math.max(attempts, 1), 9));
  return Math.max(1, Math.round(ceiling / 2 + random() * (ceiling / 2)));
}
