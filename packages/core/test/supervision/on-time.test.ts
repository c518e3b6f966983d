import { describe, expect, it } from "vitest";
import { addTallies, milestoneOutcome, onTimeRate, tallyMilestones } from "../../src/index.ts";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const H = 3_600_000;
const due = NOW - 10 * H;

describe("the on-time rate (按时率)", () => {
  const cases = [
    ["met on time", { status: "met", dueAt: due, metAt: due - H, breachedAt: null }, "metOnTime"],
    ["met exactly at the due", { status: "met", dueAt: due, metAt: due, breachedAt: null }, "metOnTime"],
    ["met late (after its breach)", { status: "met", dueAt: due, metAt: due + H, breachedAt: due }, "metLate"],
    ["breached and still open", { status: "open", dueAt: due, metAt: null, breachedAt: due }, "overdueOpen"],
    ["past due, paused", { status: "paused", dueAt: due, metAt: null, breachedAt: null }, "overdueOpen"],
    ["breached and closed unmet", { status: "cancelled", dueAt: due, metAt: null, breachedAt: due }, "overdueClosed"],
    ["open in time", { status: "open", dueAt: NOW + H, metAt: null, breachedAt: null }, "openInTime"],
    ["cancelled in time", { status: "cancelled", dueAt: NOW + H, metAt: null, breachedAt: null }, "notCounted"],
    ["met without a due", { status: "met", dueAt: null, metAt: NOW, breachedAt: null }, "notCounted"],
  ] as const;
  it.each(cases)("%s → %s", (_name, m, outcome) => {
    expect(milestoneOutcome(m, NOW)).toBe(outcome);
  });

  it("divides met on time by met on time + met late + overdue open + overdue closed, per milestone", () => {
    const ms = [
      ...Array.from({ length: 3 }, () => cases[0][1]),
      cases[2][1],
      cases[3][1],
      cases[5][1],
      cases[6][1], // open in time: not decided, not counted
      cases[7][1], // cancelled before its due: not counted
    ];
    const t = tallyMilestones(ms, NOW);
    expect(t).toEqual({ metOnTime: 3, metLate: 1, overdueOpen: 1, overdueClosed: 1, openInTime: 1 });
    expect(onTimeRate(t)).toBe(50);
  });

  it("is the same figure whether summed per milestone name, per branch or in one go", () => {
    const a = { metOnTime: 1, metLate: 0, overdueOpen: 2, overdueClosed: 0 };
    const b = { metOnTime: 5, metLate: 1, overdueOpen: 0, overdueClosed: 1 };
    expect(onTimeRate(addTallies(a, b))).toBe(onTimeRate({ metOnTime: 6, metLate: 1, overdueOpen: 2, overdueClosed: 1 }));
    expect(onTimeRate(addTallies(a, b))).toBe(60);
  });

  it("rounds to one decimal and is null when nothing is decided", () => {
    expect(onTimeRate({ metOnTime: 1, metLate: 0, overdueOpen: 2, overdueClosed: 0 })).toBe(33.3);
    expect(onTimeRate({ metOnTime: 2, metLate: 0, overdueOpen: 1, overdueClosed: 0 })).toBe(66.7);
    expect(onTimeRate({ metOnTime: 0, metLate: 0, overdueOpen: 0, overdueClosed: 0 })).toBeNull();
    // The bug this replaces: 3 on time, 21 overdue is 12.5 %, never 100 %.
    expect(onTimeRate({ metOnTime: 3, metLate: 0, overdueOpen: 21, overdueClosed: 0 })).toBe(12.5);
  });
});
