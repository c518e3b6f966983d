import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, milestonesFor, type Calendar } from "../src/deadline/index.ts";
import {
  MILESTONE_TRANSITIONS,
  nextMilestoneStatus,
  reschedule,
  type MilestoneAction,
  type MilestoneStatus,
} from "../src/milestone/index.ts";

const MIN = 60_000;
const T0 = Date.parse("2026-11-20T15:50:00Z");

describe("milestone transitions", () => {
  const statuses: MilestoneStatus[] = ["open", "paused", "met", "cancelled"];
  const actions: MilestoneAction[] = ["pause", "resume", "meet", "cancel"];
  const allowed: Record<string, MilestoneStatus | null> = {
    "open pause": "paused",
    "open resume": null,
    "open meet": "met",
    "open cancel": "cancelled",
    "paused pause": null,
    "paused resume": "open",
    "paused meet": "met",
    "paused cancel": "cancelled",
    "met pause": null,
    "met resume": null,
    "met meet": null,
    "met cancel": null,
    "cancelled pause": null,
    "cancelled resume": null,
    "cancelled meet": null,
    "cancelled cancel": null,
  };
  for (const s of statuses) {
    for (const a of actions) {
      const want = allowed[`${s} ${a}`];
      it(`${s} --${a}--> ${want ?? "409"}`, () => {
        if (want) expect(nextMilestoneStatus(s, a)).toBe(want);
        else expect(() => nextMilestoneStatus(s, a)).toThrow(/not allowed/);
      });
    }
  }
  it("lists every status", () => expect(Object.keys(MILESTONE_TRANSITIONS).sort()).toEqual([...statuses].sort()));
});

describe("reschedule after pauses", () => {
  it("moves due, warnings and escalations by the paused time on 24x7", () => {
    const [onSite] = milestonesFor(DEFAULT_POLICY, { kind: "repair", urgency: "urgent", trigger: "created", at: T0 });
    const clock = {
      status: "paused" as const,
      startAt: onSite!.startAt,
      durationMs: onSite!.durationMs,
      dueAt: onSite!.dueAt,
      calendar: onSite!.calendar,
      schedule: onSite!.schedule,
    };
    const next = reschedule(clock, [{ from: T0 + 10 * MIN, to: T0 + 40 * MIN, reason: "appointment" }]);
    expect(next.dueAt).toBe(onSite!.dueAt + 30 * MIN);
    for (const [i, n] of next.schedule.entries()) expect(n.at - onSite!.schedule[i]!.at).toBe(30 * MIN);
  });

  it("keeps the schedule while a pause is open", () => {
    const [m] = milestonesFor(DEFAULT_POLICY, { kind: "complaint", urgency: "normal", trigger: "created", at: T0 });
    const clock = {
      status: "paused" as const,
      startAt: m!.startAt,
      durationMs: m!.durationMs,
      dueAt: m!.dueAt,
      calendar: m!.calendar,
      schedule: m!.schedule,
    };
    expect(reschedule(clock, [{ from: T0, to: null, reason: "other" }])).toEqual({ dueAt: null, schedule: m!.schedule });
  });

  it("measures a pause in working time on an office calendar: a night costs nothing", () => {
    const office: Calendar = {
      kind: "working-hours",
      timeZone: "Asia/Shanghai",
      week: {
        "1": [["09:00", "18:00"]],
        "2": [["09:00", "18:00"]],
        "3": [["09:00", "18:00"]],
        "4": [["09:00", "18:00"]],
        "5": [["09:00", "18:00"]],
      },
      holidays: [],
      workdays: [],
    };
    const start = Date.parse("2026-11-23T02:00:00Z"); // Monday 10:00 Shanghai
    const policy = { ...DEFAULT_POLICY, calendars: { duty: office } };
    const [m] = milestonesFor(policy, { kind: "complaint", urgency: "normal", trigger: "created", at: start });
    const clock = {
      status: "paused" as const,
      startAt: m!.startAt,
      durationMs: m!.durationMs,
      dueAt: m!.dueAt,
      calendar: office,
      schedule: m!.schedule,
    };
    // Paused from Monday 17:00 to Tuesday 10:00 Shanghai: 1 h + 1 h of working time.
    const next = reschedule(clock, [
      { from: Date.parse("2026-11-23T09:00:00Z"), to: Date.parse("2026-11-24T02:00:00Z"), reason: "resident-unreachable" },
    ]);
    expect(next.dueAt! - m!.dueAt).toBe(2 * 60 * MIN);
    expect(next.dueAt! > m!.dueAt).toBe(true);
  });
});
