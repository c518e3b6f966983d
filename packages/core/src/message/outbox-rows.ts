import { newId } from "../id/index.ts";
import type { SmsHoldReason } from "../notification/sms-limits.ts";
import type { NoticeType } from "../notification/types.ts";
import { type NotificationInput, type RequestEvent, type SurveyEvent, TOPICS, type Topic } from "./schemas.ts";

// One builder per outbox row type: the row a producer writes in the same transaction as its change.

export interface OutboxRowOf<P> {
  id: string;
  topic: Topic;
  payload: P;
  createdAt: number;
}
type Tenant = { id: string; orgId: string };

/**
 * The one scheme of notification ids: `ntf_<subject>_<part>`, the subject the notice is about (an event, a request,
 * a milestone, a one-time code) and the part telling its notices apart (an index, a type, a notice key). A
 * notification is delivered once per id, so a producer that writes it twice (a repeated sweep) sends it once.
 */
export const notificationId = (subjectId: string, part: string | number): string =>
  `ntf_${subjectId}_${String(part).replace(/[^a-z0-9]/gi, "-")}`;

function row<P>(topic: Topic, payload: P, now: number, id = newId("obx", now)): OutboxRowOf<P> {
  return { id, topic, payload, createdAt: now };
}

/** The row telling the deadlines consumer about an event of a request. */
export function requestEventRow(branch: Tenant, e: { eventId: string; type: string; requestId: string }, now: number) {
  return row<RequestEvent>(TOPICS.requestEvents, { ...e, branchId: branch.id, orgId: branch.orgId, at: now }, now);
}

/** The row telling the deadlines consumer a survey changed (sent, answered, closed). */
export function surveyEventRow(branch: Tenant, e: { eventId: string; surveyId: string }, now: number) {
  return row<SurveyEvent>(TOPICS.requestEvents, { ...e, type: "survey.changed", branchId: branch.id, orgId: branch.orgId, at: now }, now);
}

/** A notice about a request (a step's, an intake's): its id is its place among the notices of the same subject. */
export function requestNoticeRow(
  branch: Tenant,
  n: {
    subjectId: string;
    part: string | number;
    requestId: string;
    type: NoticeType;
    recipients: string[];
    /** A phone number to reach instead of the recipients' own (the intake's caller). */
    to?: string | undefined;
    params?: Record<string, string | number>;
    /** An SMS limit already reached: the text is kept as held with this reason instead of being sent. */
    heldBy?: SmsHoldReason | undefined;
  },
  now: number,
) {
  const id = notificationId(n.subjectId, n.part);
  return row<NotificationInput>(
    TOPICS.notifications,
    {
      notificationId: id,
      type: n.type,
      branchId: branch.id,
      orgId: branch.orgId,
      requestId: n.requestId,
      recipients: n.recipients,
      ...(n.to ? { to: n.to } : {}),
      params: n.params ?? {},
      ...(n.heldBy ? { heldBy: n.heldBy } : {}),
    },
    now,
    id,
  );
}

/** A milestone's warning, breach or escalation (the sweep): once per milestone and notice key. */
export function milestoneNoticeRow(
  branch: Tenant,
  n: {
    requestId: string;
    milestoneId: string;
    milestone: string;
    kind: string;
    dueAt: number | null;
    noticeKey: string;
    type: "milestone.warning" | "milestone.breach" | "milestone.escalation";
    recipients: string[];
    at: number;
  },
  now: number,
) {
  const id = notificationId(n.milestoneId, n.noticeKey);
  return row<NotificationInput>(TOPICS.notifications, { notificationId: id, ...n, branchId: branch.id, orgId: branch.orgId }, now, id);
}

/** A one-time code sent by SMS to one phone only. */
export function oneTimeCodeRow(branch: Tenant, c: { codeId: string; to: string; code: string }, now: number) {
  return row<NotificationInput>(
    TOPICS.notifications,
    {
      notificationId: notificationId(c.codeId, "otp"),
      type: "resident.otp",
      branchId: branch.id,
      orgId: branch.orgId,
      to: c.to,
      params: { code: c.code },
      recipients: [],
    },
    now,
  );
}

/**
 * A notification queued again as it was first sent ("retry now" on a failed or held delivery): what was sent is
 * skipped, and a text held at intake by an SMS limit is now sent (the daily budget still applies).
 */
export function requeuedNotificationRow(payload: Record<string, unknown>, now: number) {
  const { heldBy: _held, ...again } = payload;
  return row(TOPICS.notifications, again, now);
}

/**
 * The branch manager's alarm that the day's SMS budget is spent: one a day, its id made of the branch's local date,
 * so however many texts find the budget spent, it is written and delivered once.
 */
export function smsBudgetAlarmRow(branch: Tenant, day: { date: string; budget: number }, now: number) {
  const id = notificationId(`sms-budget-${day.date}`, "alarm");
  return row<NotificationInput>(
    TOPICS.notifications,
    {
      notificationId: id,
      type: "sms.budgetReached",
      branchId: branch.id,
      orgId: branch.orgId,
      recipients: ["branchManager"],
      params: { budget: day.budget, date: day.date },
    },
    now,
    id,
  );
}
