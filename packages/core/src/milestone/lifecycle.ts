import { type Calendar, dueWithPauses, type Pause, type PauseReason, workingTimeBetween, addWorkingTime } from "../deadline/index.ts";
import { InvalidTransition } from "../errors/index.ts";
import { noticeOf, type NoticeAt } from "./notice.ts";

export type MilestoneStatus = "open" | "paused" | "met" | "cancelled";

export interface MilestoneClock {
  status: MilestoneStatus;
  startAt: number;
  durationMs: number;
  dueAt: number | null;
  calendar: Calendar;
  schedule: NoticeAt[];
}

export type MilestoneAction = "pause" | "resume" | "meet" | "cancel";

/** Which action each status allows: the milestone's small state machine. */
export const MILESTONE_TRANSITIONS: Record<MilestoneStatus, Partial<Record<MilestoneAction, MilestoneStatus>>> = {
  open: { pause: "paused", meet: "met", cancel: "cancelled" },
  paused: { resume: "open", meet: "met", cancel: "cancelled" },
  met: {},
  cancelled: {},
};

export function nextMilestoneStatus(status: MilestoneStatus, action: MilestoneAction): MilestoneStatus {
  const next = MILESTONE_TRANSITIONS[status][action];
  if (!next) throw new InvalidTransition(status, action);
  return next;
}

/**
 * The clock after its pauses: due moved by the paused working time, and every notice moved with it —
 * warnings keep their working-time offset from the start, escalations their delay after the due.
 */
export function reschedule(m: MilestoneClock, pauses: readonly Pause[]): { dueAt: number | null; schedule: NoticeAt[] } {
  const dueAt = dueWithPauses(m.calendar, m.startAt, m.durationMs, pauses);
  if (dueAt === null || m.dueAt === null) return { dueAt, schedule: m.schedule };
  const originalDue = addWorkingTime(m.calendar, m.startAt, m.durationMs);
  const extra = workingTimeBetween(m.calendar, m.startAt, dueAt) - workingTimeBetween(m.calendar, m.startAt, originalDue);
  const schedule = m.schedule.map((n) => {
    const kind = noticeOf(n.key).type;
    if (kind === "breach") return { key: n.key, at: dueAt };
    if (kind === "escalation") return { key: n.key, at: dueAt + (n.at - originalDue) };
    return { key: n.key, at: addWorkingTime(m.calendar, m.startAt, workingTimeBetween(m.calendar, m.startAt, n.at) + extra) };
  });
  return { dueAt, schedule };
}

export interface PauseInput {
  reason: PauseReason;
  at: number;
}

export interface MilestoneDeadline {
  status: string;
  dueAt: number | null;
  metAt: number | null;
  breachedAt: number | null;
}

/** Shown as breached (已超时): the sweep marked it so, or it runs, unmet, past its due time. */
export function isBreached(m: MilestoneDeadline, now: number): boolean {
  return m.breachedAt !== null || (m.status === "open" && m.metAt === null && m.dueAt !== null && m.dueAt < now);
}

/** A breach reason may be recorded once the milestone was marked breached or its due time has come. */
export function mayRecordBreachReason(m: Pick<MilestoneDeadline, "dueAt" | "breachedAt">, now: number): boolean {
  return m.breachedAt !== null || (m.dueAt !== null && m.dueAt <= now);
}
