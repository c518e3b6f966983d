import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { noticeSchedule } from "../../src/milestone/notice.ts";
import { REQUEST_KINDS, URGENCIES } from "../../src/request/kind.ts";
import {
  addWorkingTime,
  ALWAYS,
  DEFAULT_POLICY,
  DeadlinePolicySchema,
  milestonesFor,
  rulesFor,
  TRIGGERS,
  type Calendar,
  dueWithPauses,
  mergePauses,
  type Pause,
  pausedWorkingTime,
  projectedDueAt,
  workingTimeBetween,
} from "../../src/deadline/index.ts";
import { DAY, HOUR, MIN, nightShift, plainNineToFive, SHANGHAI_HOLIDAYS } from "./fixtures.ts";

const CALENDARS: Array<[string, Calendar]> = [
  ["24x7", ALWAYS],
  ["Shanghai office hours with holidays", SHANGHAI_HOLIDAYS],
];
const WORKING_HOURS: Array<[string, Calendar]> = [CALENDARS[1]!];

const startArb = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) });
// minutes mostly, so that due times often fall on period boundaries; sometimes odd milliseconds
const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => m * MIN),
  fc.integer({ min: 0, max: 10 * DAY }),
);
const closedPausesArb = (start: number) =>
  fc.array(
    fc
      .record({ offset: fc.integer({ min: -DAY, max: 12 * DAY }), length: fc.integer({ min: 0, max: 3 * DAY }) })
      .map(({ offset, length }): Pause => ({ from: start + offset, to: start + offset + length, reason: "appointment" })),
    { maxLength: 4 },
  );
const withPauses = fc.tuple(startArb, durationArb).chain(([s, d]) => fc.tuple(fc.constant(s), fc.constant(d), closedPausesArb(s)));

/** Working time on the clock between start and t: working time not inside a pause. */
const activeTime = (cal: Calendar, s: number, t: number, pauses: readonly Pause[]) => {
  let paused = 0;
  for (const [a, b] of mergePauses(pauses, s)) paused += workingTimeBetween(cal, Math.max(a, s), Math.min(b, t));
  return workingTimeBetween(cal, s, t) - paused;
};

describe.each(CALENDARS)("properties on %s", (_name, cal) => {
  it("due ≥ start", () => {
    fc.assert(fc.property(startArb, durationArb, (s, d) => addWorkingTime(cal, s, d) >= s));
  });

  it("monotonic in the duration: d1 ≤ d2 ⇒ due1 ≤ due2", () => {
    fc.assert(
      fc.property(startArb, durationArb, durationArb, (s, x, y) => {
        const [d1, d2] = x <= y ? [x, y] : [y, x];
        return addWorkingTime(cal, s, d1) <= addWorkingTime(cal, s, d2);
      }),
    );
  });

  it("monotonic in the start: s1 ≤ s2 ⇒ due1 ≤ due2", () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 0, max: 5 * DAY }),
        durationArb,
        (s, gap, d) => addWorkingTime(cal, s, d) <= addWorkingTime(cal, s + gap, d),
      ),
    );
  });

  it("pausing never makes a due earlier", () => {
    fc.assert(fc.property(withPauses, ([s, d, pauses]) => dueWithPauses(cal, s, d, pauses)! >= addWorkingTime(cal, s, d)));
  });

  it("dueWithPauses = addWorkingTime(d + pausedWorkingTime) when the pauses begin before the unpaused due", () => {
    fc.assert(
      fc.property(withPauses, ([s, d, all]) => {
        const due0 = addWorkingTime(cal, s, d);
        const pauses = all.filter((p) => p.from < due0);
        expect(dueWithPauses(cal, s, d, pauses)).toBe(addWorkingTime(cal, s, d + pausedWorkingTime(cal, s, pauses, s)));
      }),
    );
  });

  it("with pauses, the clock shows exactly d at the due and less just before it", () => {
    fc.assert(
      fc.property(withPauses, ([s, d, pauses]) => {
        fc.pre(d > 0);
        const due = dueWithPauses(cal, s, d, pauses)!;
        expect(activeTime(cal, s, due, pauses)).toBe(d);
        expect(activeTime(cal, s, due - 1, pauses)).toBeLessThan(d);
      }),
    );
  });

  it("an open pause: no due; the projection never moves back as now advances, and equals the closed pause's due", () => {
    fc.assert(
      fc.property(
        startArb,
        durationArb,
        fc.integer({ min: 0, max: 5 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        (s, d, off, n1, n2) => {
          const from = s + off;
          const open: Pause[] = [{ from, to: null, reason: "resident-unreachable" }];
          expect(dueWithPauses(cal, s, d, open)).toBeNull();
          const [a, b] = n1 <= n2 ? [n1, n2] : [n2, n1];
          const p1 = projectedDueAt(cal, s, d, open, from + a);
          expect(p1).toBeLessThanOrEqual(projectedDueAt(cal, s, d, open, from + b));
          expect(p1).toBe(dueWithPauses(cal, s, d, [{ from, to: from + a, reason: "resident-unreachable" }]));
        },
      ),
    );
  });
});

describe.each(WORKING_HOURS)("round trip on %s", (_name, cal) => {
  it("workingTimeBetween(s, addWorkingTime(s, d)) === d", () => {
    fc.assert(fc.property(startArb, durationArb, (s, d) => workingTimeBetween(cal, s, addWorkingTime(cal, s, d)) === d));
  });

  it("addWorkingTime(s, workingTimeBetween(s, t)) ≤ t, with no working time between them", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 10 * DAY }), (s, gap) => {
        const t = s + gap;
        const back = addWorkingTime(cal, s, workingTimeBetween(cal, s, t));
        return back <= t && workingTimeBetween(cal, back, t) === 0;
      }),
    );
  });

  it("working time is additive: W(a, c) = W(a, b) + W(b, c)", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 5 * DAY }), fc.integer({ min: 0, max: 5 * DAY }), (a, x, y) => {
        const b = a + x;
        const c = b + y;
        return workingTimeBetween(cal, a, c) === workingTimeBetween(cal, a, b) + workingTimeBetween(cal, b, c);
      }),
    );
  });
});

describe("properties in America/New_York (DST)", () => {
  const nyStart = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) });
  it.each([
    ["9–17", plainNineToFive("America/New_York")],
    ["night shift 01:00–05:00", nightShift("America/New_York")],
  ])("round trip and monotonicity on %s", (_name, cal) => {
    fc.assert(
      fc.property(nyStart, durationArb, durationArb, (s, x, y) => {
        const [d1, d2] = x <= y ? [x, y] : [y, x];
        const due1 = addWorkingTime(cal, s, d1);
        expect(workingTimeBetween(cal, s, due1)).toBe(d1);
        expect(due1).toBeLessThanOrEqual(addWorkingTime(cal, s, d2));
      }),
    );
  });

  it("each night-shift day is 4 h, except 3 h on spring-forward days and 5 h on fall-back days", () => {
    const cal = nightShift("America/New_York");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 729 }), (k) => {
        const noonUtc = Date.UTC(2026, 0, 1, 17) + k * DAY; // ≈ noon in New York
        const ms = workingTimeBetween(cal, noonUtc, noonUtc + DAY); // covers the next night only
        const date = new Date(noonUtc + DAY).toISOString().slice(0, 10);
        const expected =
          date === "2026-03-08" || date === "2027-03-14" ? 3 * HOUR : date === "2026-11-01" || date === "2027-11-07" ? 5 * HOUR : 4 * HOUR;
        expect(ms).toBe(expected);
      }),
      { numRuns: 300, examples: [[66], [304], [437], [675]] },
    );
  });
});

describe("milestonesFor (cached plans, translated 24x7 schedules) equals the rule-by-rule computation", () => {
  const office = DeadlinePolicySchema.parse({
    version: 2,
    calendars: { office: SHANGHAI_HOLIDAYS, duty: ALWAYS },
    rules: DEFAULT_POLICY.rules.map((r, i) => ({ ...r, calendar: i % 2 ? "office" : "duty" })),
  });
  const reference = (policy: typeof DEFAULT_POLICY, q: Parameters<typeof milestonesFor>[1]) =>
    rulesFor(policy, q).map((r) => {
      const calendar = policy.calendars[r.calendar]!;
      const durationMs = r.durationMinutes * 60_000;
      const dueAt = addWorkingTime(calendar, q.at, durationMs);
      const lead = r.warnLeadMinutes ?? (r.durationMinutes <= 5 ? policy.shortWarnLeadMinutes : policy.warnLeadMinutes);
      const schedule = noticeSchedule(
        { startAt: q.at, dueAt, durationMs },
        {
          warnAtShare: r.warnAtShare ?? policy.warnAtShare,
          warnLeadMs: lead * 60_000,
          escalationDelaysMs: policy.escalationDelaysMinutes.map((m) => m * 60_000),
        },
        (from, ms) => addWorkingTime(calendar, from, ms),
      );
      return { name: r.milestone, startAt: q.at, durationMs, dueAt, calendar, policyVersion: policy.version, schedule };
    });
  it.each([
    ["DEFAULT_POLICY", DEFAULT_POLICY],
    ["a mixed office/duty policy", office],
  ])("%s", (_name, policy) => {
    fc.assert(
      fc.property(
        startArb,
        fc.constantFrom(...REQUEST_KINDS),
        fc.constantFrom(...URGENCIES),
        fc.constantFrom(...TRIGGERS),
        (s, kind, urgency, trigger) => {
          const q = { kind, urgency, trigger, at: s };
          expect(milestonesFor(policy, q)).toEqual(reference(policy, q));
        },
      ),
      { numRuns: 300 },
    );
  });
});
