// The notices of a milestone's clock: warnings before the due time, the breach at it, escalations after it.
// Each has a stable key so that the sweep sends each exactly once.

export const ESCALATION_LADDER = ["owner", "serviceSupervisor", "branchManager", "region", "headOffice"] as const;
export type EscalationLevel = (typeof ESCALATION_LADDER)[number];

/** Who answers for a milestone first: the request's owner, except the review, which is engineering's. */
export function responsibleFor(milestone: string): string {
  return milestone === "review" ? "engineeringSupervisor" : "owner";
}

/** Recipients of a milestone notice: the responsible person, then the escalation ladder step by step. */
export function noticeRecipients(milestone: string, notice: Notice): string[] {
  if (notice.type !== "escalation" || notice.level === 0) return [responsibleFor(milestone)];
  return [ESCALATION_LADDER[Math.min(notice.level, ESCALATION_LADDER.length - 1)]!];
}

export interface NoticeAt {
  key: string;
  at: number;
}

export type Notice = { type: "warning"; level: 0 } | { type: "breach"; level: 0 } | { type: "escalation"; level: number };

export function noticeOf(key: string): Notice {
  if (key.startsWith("warn:")) return { type: "warning", level: 0 };
  if (key === "breach") return { type: "breach", level: 0 };
  const m = /^escalate:(\d+)$/.exec(key);
  if (m) return { type: "escalation", level: Number(m[1]) };
  throw new Error(`unknown notice key ${key}`);
}

export interface ScheduleRule {
  /** Share of the allowed time after which the first warning goes out (0.8 = 80%). */
  warnAtShare: number;
  /** A second warning this long before the due time. */
  warnLeadMs: number;
  /** Delays after the breach for each escalation step; step k goes to ESCALATION_LADDER[k]. */
  escalationDelaysMs: readonly number[];
}

/**
 * Notice instants for a clock that started at `startAt`, is due at `dueAt` and allows `durationMs` of
 * calendar time. `addTime` measures in the milestone's calendar (working time for office calendars).
 * Warnings that would fall before the start (very short milestones) are dropped; keys never repeat.
 */
export function noticeSchedule(
  clock: { startAt: number; dueAt: number; durationMs: number },
  rule: ScheduleRule,
  addTime: (from: number, ms: number) => number,
): NoticeAt[] {
  const out: NoticeAt[] = [];
  const share = Math.round(clock.durationMs * rule.warnAtShare);
  if (rule.warnAtShare > 0 && rule.warnAtShare < 1 && share > 0) out.push({ key: "warn:share", at: addTime(clock.startAt, share) });
  const leadOffset = clock.durationMs - rule.warnLeadMs;
  if (rule.warnLeadMs > 0 && leadOffset > 0 && leadOffset !== share) out.push({ key: "warn:lead", at: addTime(clock.startAt, leadOffset) });
  out.push({ key: "breach", at: clock.dueAt });
  for (const [i, delay] of rule.escalationDelaysMs.entries()) out.push({ key: `escalate:${i + 1}`, at: clock.dueAt + delay });
  return out.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** When the sweep must next look at a milestone: its earliest unsent notice, or null when all are sent. */
export function nextCheckAt(schedule: readonly NoticeAt[], sent: ReadonlySet<string>): number | null {
  let next: number | null = null;
  for (const n of schedule) if (!sent.has(n.key) && (next === null || n.at < next)) next = n.at;
  return next;
}
