import { describe, expect, it } from "vitest";
import { ALWAYS, dueWithPauses, mergePauses, overdueMs, type Pause, pausedWorkingTime, projectedDueAt } from "../../src/deadline/index.ts";
import { at, HOUR, iso, SHANGHAI_NATIONAL_DAY, SHANGHAI_OFFICE } from "./fixtures.ts";

const p = (from: string, to: string | null, reason: Pause["reason"] = "appointment"): Pause => ({
  from: at(from),
  to: to === null ? null : at(to),
  reason,
});

describe("mergePauses", () => {
  it("sorts, merges overlapping and touching pauses, drops empty ones, closes open ones", () => {
    const merged = mergePauses(
      [
        p("2026-03-02T03:30:00.000Z", "2026-03-02T05:00:00.000Z"),
        p("2026-03-02T01:00:00.000Z", "2026-03-02T03:00:00.000Z"),
        p("2026-03-02T02:00:00.000Z", "2026-03-02T03:30:00.000Z"),
        p("2026-03-02T06:00:00.000Z", "2026-03-02T06:00:00.000Z"),
        p("2026-03-02T07:00:00.000Z", null),
      ],
      at("2026-03-02T08:00:00.000Z"),
    );
    expect(merged.map(([a, b]) => [iso(a), iso(b)])).toEqual([
      ["2026-03-02T01:00:00.000Z", "2026-03-02T05:00:00.000Z"],
      ["2026-03-02T07:00:00.000Z", "2026-03-02T08:00:00.000Z"],
    ]);
  });
});

describe("pauses on 24x7", () => {
  const start = at("2026-03-02T00:00:00.000Z");

  it("a night-long pause moves the due by the whole night", () => {
    const pauses = [p("2026-03-02T14:00:00.000Z", "2026-03-02T22:00:00.000Z", "resident-unreachable")];
    expect(pausedWorkingTime(ALWAYS, start, pauses, start)).toBe(8 * HOUR);
    expect(iso(dueWithPauses(ALWAYS, start, 24 * HOUR, pauses))).toBe("2026-03-03T08:00:00.000Z");
  });

  it("overlapping pauses count once", () => {
    const pauses = [
      p("2026-03-02T01:00:00.000Z", "2026-03-02T03:00:00.000Z"),
      p("2026-03-02T02:00:00.000Z", "2026-03-02T04:00:00.000Z"),
      p("2026-03-02T02:00:00.000Z", "2026-03-02T04:00:00.000Z"),
      p("2026-03-02T03:30:00.000Z", "2026-03-02T05:00:00.000Z"),
    ];
    expect(pausedWorkingTime(ALWAYS, start, pauses, start)).toBe(4 * HOUR);
    expect(iso(dueWithPauses(ALWAYS, start, 10 * HOUR, pauses))).toBe("2026-03-02T14:00:00.000Z");
  });

  it("only the part of a pause after the start counts", () => {
    const pauses = [p("2026-03-01T22:00:00.000Z", "2026-03-02T01:00:00.000Z")];
    expect(pausedWorkingTime(ALWAYS, start, pauses, start)).toBe(HOUR);
    expect(iso(dueWithPauses(ALWAYS, start, 2 * HOUR, pauses))).toBe("2026-03-02T03:00:00.000Z");
  });

  it("an open pause: no due yet; the projected due moves with now", () => {
    const pauses = [p("2026-03-02T02:00:00.000Z", null, "awaiting-quote-decision")];
    expect(dueWithPauses(ALWAYS, start, 10 * HOUR, pauses)).toBeNull();
    expect(iso(projectedDueAt(ALWAYS, start, 10 * HOUR, pauses, at("2026-03-02T03:00:00.000Z")))).toBe("2026-03-02T11:00:00.000Z");
    expect(iso(projectedDueAt(ALWAYS, start, 10 * HOUR, pauses, at("2026-03-02T05:30:00.000Z")))).toBe("2026-03-02T13:30:00.000Z");
    expect(overdueMs(null, at("2026-03-03T00:00:00.000Z"))).toBe(0);
  });

  it("a pause that begins after the due does not move it (a breach stays a breach)", () => {
    // due 02:00; the pause 03:00–05:00 comes after the breach
    const late = [p("2026-03-02T03:00:00.000Z", "2026-03-02T05:00:00.000Z", "resident-unreachable")];
    expect(iso(dueWithPauses(ALWAYS, start, 2 * HOUR, late))).toBe("2026-03-02T02:00:00.000Z");
    expect(overdueMs(dueWithPauses(ALWAYS, start, 2 * HOUR, late), at("2026-03-02T04:00:00.000Z"))).toBe(2 * HOUR);
    // a pause starting exactly at the due is after it too
    expect(iso(dueWithPauses(ALWAYS, start, 2 * HOUR, [p("2026-03-02T02:00:00.000Z", "2026-03-02T05:00:00.000Z")]))).toBe(
      "2026-03-02T02:00:00.000Z",
    );
    // open, after the due: the projection does not move either
    const open = [p("2026-03-02T03:00:00.000Z", null)];
    expect(iso(projectedDueAt(ALWAYS, start, 2 * HOUR, open, at("2026-03-02T09:00:00.000Z")))).toBe("2026-03-02T02:00:00.000Z");
  });

  it("a pause that begins before the due as moved by earlier pauses counts", () => {
    const pauses = [
      p("2026-03-02T01:00:00.000Z", "2026-03-02T02:00:00.000Z"), // due 02:00 → 03:00
      p("2026-03-02T02:30:00.000Z", "2026-03-02T03:30:00.000Z"), // before 03:00: counts, due → 04:00
      p("2026-03-02T04:30:00.000Z", "2026-03-02T05:00:00.000Z"), // after 04:00: does not
    ];
    expect(iso(dueWithPauses(ALWAYS, start, 2 * HOUR, pauses))).toBe("2026-03-02T04:00:00.000Z");
  });
});

describe("pauses on Shanghai office hours", () => {
  // Mon 03-02 09:00 local + 8 h of working time: Mon 7 h, Tue 08:30 + 1 h → Tue 09:30 local.
  const start = at("2026-03-02T01:00:00.000Z");

  it("a night-long pause costs nothing", () => {
    const night = [p("2026-03-02T10:00:00.000Z", "2026-03-03T00:00:00.000Z")]; // Mon 18:00 → Tue 08:00 local
    expect(pausedWorkingTime(SHANGHAI_OFFICE, start, night, start)).toBe(0);
    expect(iso(dueWithPauses(SHANGHAI_OFFICE, start, 8 * HOUR, night))).toBe("2026-03-03T01:30:00.000Z");
  });

  it("a pause from Mon 17:00 to Tue 09:00 local costs 1 h", () => {
    const pauses = [p("2026-03-02T09:00:00.000Z", "2026-03-03T01:00:00.000Z")];
    expect(pausedWorkingTime(SHANGHAI_OFFICE, start, pauses, start)).toBe(HOUR);
    expect(iso(dueWithPauses(SHANGHAI_OFFICE, start, 8 * HOUR, pauses))).toBe("2026-03-03T02:30:00.000Z");
  });

  it("an open pause overnight: the projection does not move during the night, and does in the morning", () => {
    const open = [p("2026-03-02T09:00:00.000Z", null)]; // Mon 17:00 local
    expect(dueWithPauses(SHANGHAI_OFFICE, start, 8 * HOUR, open)).toBeNull();
    expect(iso(projectedDueAt(SHANGHAI_OFFICE, start, 8 * HOUR, open, at("2026-03-02T12:00:00.000Z")))).toBe("2026-03-03T02:00:00.000Z");
    expect(iso(projectedDueAt(SHANGHAI_OFFICE, start, 8 * HOUR, open, at("2026-03-02T23:00:00.000Z")))).toBe("2026-03-03T02:00:00.000Z");
    expect(iso(projectedDueAt(SHANGHAI_OFFICE, start, 8 * HOUR, open, at("2026-03-03T01:00:00.000Z")))).toBe("2026-03-03T02:30:00.000Z");
  });

  it("a pause across National Day costs only the working time it covers", () => {
    // Wed 09-30 09:00 local + 8 h: Wed 7 h, Thu 10-08 08:30 + 1 h → 09:30 local.
    const s = at("2026-09-30T01:00:00.000Z");
    expect(iso(dueWithPauses(SHANGHAI_NATIONAL_DAY, s, 8 * HOUR, []))).toBe("2026-10-08T01:30:00.000Z");
    const holidayOnly = [p("2026-09-30T16:00:00.000Z", "2026-10-07T15:00:00.000Z")];
    expect(pausedWorkingTime(SHANGHAI_NATIONAL_DAY, s, holidayOnly, s)).toBe(0);
    expect(iso(dueWithPauses(SHANGHAI_NATIONAL_DAY, s, 8 * HOUR, holidayOnly))).toBe("2026-10-08T01:30:00.000Z");
    const spanning = [p("2026-09-30T09:00:00.000Z", "2026-10-08T01:00:00.000Z")]; // Wed 17:00 → Thu 10-08 09:00 local
    expect(pausedWorkingTime(SHANGHAI_NATIONAL_DAY, s, spanning, s)).toBe(HOUR);
    expect(iso(dueWithPauses(SHANGHAI_NATIONAL_DAY, s, 8 * HOUR, spanning))).toBe("2026-10-08T02:30:00.000Z");
  });

  it("on 24x7 the same holiday pause costs its whole length", () => {
    const s = at("2026-09-30T01:00:00.000Z");
    const spanning = [p("2026-09-30T08:00:00.000Z", "2026-10-08T01:00:00.000Z")]; // 7 d 17 h
    expect(pausedWorkingTime(ALWAYS, s, spanning, s)).toBe(185 * HOUR);
    expect(iso(dueWithPauses(ALWAYS, s, 8 * HOUR, spanning))).toBe("2026-10-08T02:00:00.000Z");
  });
});
