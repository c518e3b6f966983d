import { z } from "zod";
import { type MessageKey, t, type Locale } from "../i18n/index.ts";
import { noticeSchedule, type NoticeAt, type ScheduleRule } from "../milestone/notice.ts";
import { type RequestKind, RequestKindSchema, type Urgency } from "../request/kind.ts";
import { MILESTONE_NAMES, type MilestoneName } from "../request/schema.ts";
import { addWorkingTime, ALWAYS, type Calendar, CalendarSchema, workingTimeBetween } from "./calendar.ts";

export const TRIGGERS = ["created", "dispatched-to-engineering", "completed", "promised", "progress"] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const MilestoneRuleSchema = z.strictObject({
  milestone: z.enum(MILESTONE_NAMES),
  kinds: z.array(RequestKindSchema).min(1),
  urgency: z.enum(["urgent", "normal"]).optional(),
  categories: z.array(z.string()).optional(),
  trigger: z.enum(TRIGGERS),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60),
  calendar: z.string().min(1),
  warnAtShare: z.number().min(0).max(1).optional(),
  warnLeadMinutes: z.number().int().min(0).optional(),
});
export type MilestoneRule = z.infer<typeof MilestoneRuleSchema>;

const policyFields = {
  calendars: z.record(z.string(), CalendarSchema),
  rules: z.array(MilestoneRuleSchema).max(200),
  warnAtShare: z.number().min(0).max(1).default(0.8),
  warnLeadMinutes: z.number().int().min(0).default(30),
  /** Lead for milestones of 5 minutes or less, where 30 minutes makes no sense. */
  shortWarnLeadMinutes: z.number().int().min(0).default(1),
  /** Minutes after the breach for each escalation step: supervisor, manager, region, head office. */
  escalationDelaysMinutes: z.array(z.number().int().min(0)).max(4).default([0, 30, 60, 120]),
};
const calendarsDefined = (p: { rules: Array<{ calendar: string }>; calendars: Record<string, unknown> }) =>
  p.rules.every((r) => Object.hasOwn(p.calendars, r.calendar));
const calendarsIssue = { message: "every rule's calendar must be defined", path: ["rules"] };

export const DeadlinePolicySchema = z
  .strictObject({ version: z.number().int().min(1), ...policyFields })
  .refine(calendarsDefined, calendarsIssue);
/** What a branch edits: the policy without its version (the settings version is assigned on save). */
export const DeadlinePolicyInputSchema = z.strictObject(policyFields).refine(calendarsDefined, calendarsIssue);
export type DeadlinePolicy = z.infer<typeof DeadlinePolicySchema>;

const rule = (
  milestone: MilestoneName,
  kinds: RequestKind[],
  durationMinutes: number,
  extra: Partial<MilestoneRule> = {},
): MilestoneRule => ({
  milestone,
  kinds,
  trigger: "created",
  durationMinutes,
  calendar: "duty",
  ...extra,
});

/** DOMAIN.md's defaults, all on the 24-hour duty calendar (24小时值班). */
export const DEFAULT_POLICY: DeadlinePolicy = {
  version: 1,
  calendars: { duty: ALWAYS },
  rules: [
    rule("reply", ["inquiry", "help"], 5),
    rule("reply", ["medical", "security", "disaster"], 5),
    rule("reply", ["suggestion"], 24 * 60),
    rule("response", ["complaint"], 24 * 60),
    rule("onSite", ["repair"], 2 * 60, { urgency: "urgent" }),
    rule("repaired", ["repair"], 24 * 60, { urgency: "urgent" }),
    rule("repaired", ["repair"], 72 * 60, { urgency: "normal" }),
    rule("review", ["repair"], 15, { trigger: "dispatched-to-engineering" }),
    rule("followUp", ["repair", "complaint"], 48 * 60, { trigger: "completed" }),
    rule("progress", ["complaint"], 48 * 60, { trigger: "progress" }),
    rule("callback", ["inquiry", "help", "complaint", "suggestion", "repair", "medical", "security", "disaster"], 0, {
      trigger: "promised",
    }),
  ],
  warnAtShare: 0.8,
  warnLeadMinutes: 30,
  shortWarnLeadMinutes: 1,
  escalationDelaysMinutes: [0, 30, 60, 120],
};

export interface ComputedMilestone {
  name: MilestoneName;
  startAt: number;
  durationMs: number;
  dueAt: number;
  calendar: Calendar;
  policyVersion: number;
  schedule: NoticeAt[];
}

function specificity(r: MilestoneRule): number {
  return (r.categories ? 2 : 0) + (r.urgency ? 1 : 0);
}

/** The rules that apply to a request at a trigger: per milestone, the most specific matching rule. */
export function rulesFor(
  policy: DeadlinePolicy,
  q: { kind: RequestKind; urgency: Urgency; category?: string | undefined; trigger: Trigger },
): MilestoneRule[] {
  const best = new Map<MilestoneName, MilestoneRule>();
  for (const r of policy.rules) {
    if (r.trigger !== q.trigger || !r.kinds.includes(q.kind)) continue;
    if (r.urgency && r.urgency !== q.urgency) continue;
    if (r.categories && (!q.category || !r.categories.includes(q.category))) continue;
    const current = best.get(r.milestone);
    if (!current || specificity(r) > specificity(current)) best.set(r.milestone, r);
  }
  return [...best.values()];
}

interface Plan {
  name: MilestoneName;
  calendar: Calendar;
  durationMs: number;
  scheduleRule: ScheduleRule;
  /** For 24x7 calendars the schedule is a translation of the one for a start at 0 (same order). */
  template: NoticeAt[] | null;
}

// Policies are values (stored, never changed in place), so the matching rules and their constants are
// computed once per policy and query.
const plans = new WeakMap<DeadlinePolicy, Map<string, Plan[]>>();

function plansFor(
  policy: DeadlinePolicy,
  q: { kind: RequestKind; urgency: Urgency; category?: string | undefined; trigger: Trigger },
): Plan[] {
  let perPolicy = plans.get(policy);
  if (!perPolicy) {
    perPolicy = new Map();
    plans.set(policy, perPolicy);
  }
  const key = `${q.trigger}|${q.kind}|${q.urgency}|${q.category ?? ""}`;
  let out = perPolicy.get(key);
  if (out) return out;
  out = rulesFor(policy, q).map((r) => {
    const calendar = (Object.hasOwn(policy.calendars, r.calendar) ? policy.calendars[r.calendar] : undefined) ?? ALWAYS;
    const durationMs = r.durationMinutes * 60_000;
    const leadMinutes = r.warnLeadMinutes ?? (r.durationMinutes <= 5 ? policy.shortWarnLeadMinutes : policy.warnLeadMinutes);
    const scheduleRule: ScheduleRule = {
      warnAtShare: r.warnAtShare ?? policy.warnAtShare,
      warnLeadMs: leadMinutes * 60_000,
      escalationDelaysMs: policy.escalationDelaysMinutes.map((m) => m * 60_000),
    };
    const template =
      calendar.kind === "24x7"
        ? noticeSchedule({ startAt: 0, dueAt: Math.max(0, durationMs), durationMs }, scheduleRule, (from, ms) =>
            addWorkingTime(calendar, from, ms),
          )
        : null;
    return { name: r.milestone, calendar, durationMs, scheduleRule, template };
  });
  if (perPolicy.size < 1000) perPolicy.set(key, out);
  return out;
}

/** Milestones started by an event at `at`, from the policy in force then (stored, never recomputed). */
export function milestonesFor(
  policy: DeadlinePolicy,
  q: { kind: RequestKind; urgency: Urgency; category?: string | undefined; trigger: Trigger; at: number; dueAt?: number | undefined },
): ComputedMilestone[] {
  const list = plansFor(policy, q);
  const out: ComputedMilestone[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const { name, calendar, scheduleRule, template } = list[i]!;
    const start = q.at;
    // A promise names its own time (a call-back "by 15:00"): the clock runs to it in the rule's calendar.
    const durationMs = q.dueAt === undefined ? list[i]!.durationMs : workingTimeBetween(calendar, start, Math.max(start, q.dueAt));
    let dueAt: number;
    let schedule: NoticeAt[];
    if (template && q.dueAt === undefined) {
      dueAt = start + Math.max(0, durationMs);
      schedule = new Array(template.length);
      for (let k = 0; k < template.length; k++) schedule[k] = { key: template[k]!.key, at: template[k]!.at + start };
    } else {
      dueAt = addWorkingTime(calendar, start, durationMs);
      schedule = noticeSchedule({ startAt: start, dueAt, durationMs }, scheduleRule, (from, ms) => addWorkingTime(calendar, from, ms));
    }
    out[i] = { name, startAt: start, durationMs, dueAt, calendar, policyVersion: policy.version, schedule };
  }
  return out;
}

function duration(locale: Locale, minutes: number): string {
  if (minutes % 60 === 0 && minutes >= 60) return t(locale, "duration.hours", { n: minutes / 60 });
  return t(locale, "duration.minutes", { n: minutes });
}

/** The branch's published service commitments (服务承诺), in words, from its policy. */
export function describeCommitments(policy: DeadlinePolicy, locale: Locale) {
  return policy.rules
    .filter((r) => r.durationMinutes > 0)
    .map((r) => {
      const subject =
        r.kinds.map((k) => t(locale, `kind.${k}` as MessageKey)).join(" / ") + (r.urgency ? ` (${t(locale, `urgency.${r.urgency}`)})` : "");
      return {
        milestone: r.milestone,
        kinds: r.kinds,
        urgency: r.urgency ?? null,
        minutes: r.durationMinutes,
        text: t(locale, `commitment.${r.trigger}` as MessageKey, {
          subject,
          milestone: t(locale, `milestone.${r.milestone}` as MessageKey),
          duration: duration(locale, r.durationMinutes),
        }),
      };
    });
}
