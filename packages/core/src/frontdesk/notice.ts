import { can } from "../auth/permission.ts";
import type { Role } from "../auth/role.ts";
import { InvalidTransition } from "../errors/index.ts";
import { t, type Locale, type MessageKey } from "../i18n/index.ts";

/** What a branch must publish (DOMAIN.md "Information for residents"), plus emergencies and outages. */
export const NOTICE_CATEGORIES = ["services", "phones", "paidServices", "commitments", "rules", "finance", "emergency"] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

/**
 * Stored states. `emergencyPending` is an emergency notice published by a manager at once and still
 * awaiting the supervisor's approval after the fact; it is visible like a published one.
 */
export const NOTICE_STATUSES = ["draft", "pending", "returned", "published", "emergencyPending", "expired"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export type NoticeAction = "edit" | "submit" | "approve" | "return" | "expire";

/** The notice's state machine: every notice is approved before it is published (emergencies: after). */
export const NOTICE_TRANSITIONS: Record<NoticeStatus, Partial<Record<NoticeAction, NoticeStatus>>> = {
  draft: { edit: "draft", submit: "pending" },
  returned: { edit: "draft", submit: "pending" },
  pending: { approve: "published", return: "returned" },
  published: { expire: "expired" },
  emergencyPending: { approve: "published", expire: "expired" },
  expired: {},
};

export function nextNoticeStatus(status: NoticeStatus, action: NoticeAction): NoticeStatus {
  const next = NOTICE_TRANSITIONS[status][action];
  if (!next) throw new InvalidTransition(status, action);
  return next;
}

/** Who may take each action (permission names of `auth/permission.ts`). */
export const NOTICE_ACTION_PERMISSION = {
  edit: "notice.draft",
  submit: "notice.draft",
  approve: "notice.approve",
  return: "notice.approve",
  expire: "notice.approve",
} as const satisfies Record<NoticeAction, string>;

export interface NoticeTiming {
  status: NoticeStatus;
  publishAt: number | null;
  expiresAt: number | null;
}

/** What residents and staff see at `now`: a published notice is scheduled before its time and expired after. */
export type NoticeDisplay = NoticeStatus | "scheduled";

export function noticeDisplay(n: NoticeTiming, now: number): NoticeDisplay {
  if (n.status !== "published" && n.status !== "emergencyPending") return n.status;
  if (n.expiresAt !== null && n.expiresAt <= now) return "expired";
  if (n.status === "published" && n.publishAt !== null && n.publishAt > now) return "scheduled";
  return n.status;
}

/** Shown on the portal and pushed to inboxes. */
export function isNoticeLive(n: NoticeTiming, now: number): boolean {
  const d = noticeDisplay(n, now);
  return d === "published" || d === "emergencyPending";
}

/** Whom a notice is for: the whole branch, or some communities and buildings. */
export interface NoticeAudience {
  communityIds?: string[] | undefined;
  buildingIds?: string[] | undefined;
}

export function audienceIncludes(
  audience: NoticeAudience | null | undefined,
  place: { communityId: string; buildingId: string } | null,
): boolean {
  const cs = audience?.communityIds ?? [];
  const bs = audience?.buildingIds ?? [];
  if (cs.length === 0 && bs.length === 0) return true;
  if (!place) return false;
  return cs.includes(place.communityId) || bs.includes(place.buildingId);
}

export function noticeCategoryName(category: NoticeCategory, locale: Locale): string {
  return t(locale, `notice.category.${category}` as MessageKey);
}

/** The body as residents read it: the branch's service and complaint phones are on every notice. */
export function noticeBodyWithPhones(body: string, phones: { servicePhone: string; complaintPhone: string }, locale: Locale): string {
  return `${body}\n\n${t(locale, "notice.footer", phones)}`;
}

/**
 * An emergency or outage notice (停水停电) written by someone who may publish emergencies goes out at once and is approved
 * afterwards; every other notice, emergencies drafted by others included, waits for the supervisor's approval first.
 */
export function publishesAtOnce(role: Role, category: NoticeCategory): boolean {
  return category === "emergency" && can(role, "notice.publishEmergency");
}
