import { describe, expect, it } from "vitest";
import { addWorkingTime, ALWAYS, type Calendar, CalendarSchema, workingTimeBetween } from "../../src/deadline/index.ts";
import { at, HOUR, iso, MIN, SHANGHAI_NATIONAL_DAY, SHANGHAI_OFFICE } from "./fixtures.ts";

// Shanghai is UTC+8 all year: local = UTC + 8 h. 2026-03-02 is a Monday, 2026-03-06 a Friday.

describe("addWorkingTime on 24x7", () => {
  it.each([
    ["2026-03-02T01:00:00.000Z", 2 * HOUR, "2026-03-02T03:00:00.000Z"],
    ["2026-03-06T15:50:00.000Z", 72 * HOUR, "2026-03-09T15:50:00.000Z"],
    ["2026-12-31T23:55:00.000Z", 5 * MIN, "2027-01-01T00:00:00.000Z"],
    ["2026-03-02T01:00:00.000Z", 0, "2026-03-02T01:00:00.000Z"],
    ["2026-03-02T01:00:00.000Z", -5 * MIN, "2026-03-02T01:00:00.000Z"],
  ])("%s + %d ms → %s", (start, d, due) => {
    expect(iso(addWorkingTime(ALWAYS, at(start), d))).toBe(due);
  });
});

describe("addWorkingTime on Shanghai office hours (08:30–12:00, 13:30–17:30, Mon–Fri)", () => {
  it.each([
    // [case, start (UTC), duration, due (UTC)]
    ["inside a period: Mon 09:00 + 2 h → Mon 11:00", "2026-03-02T01:00:00.000Z", 2 * HOUR, "2026-03-02T03:00:00.000Z"],
    ["across lunch: Mon 09:00 + 4 h → Mon 14:30", "2026-03-02T01:00:00.000Z", 4 * HOUR, "2026-03-02T06:30:00.000Z"],
    ["inside the break: Mon 12:30 + 1 h → Mon 14:30", "2026-03-02T04:30:00.000Z", 1 * HOUR, "2026-03-02T06:30:00.000Z"],
    ["before opening: Mon 07:00 + 1 h → Mon 09:30", "2026-03-01T23:00:00.000Z", 1 * HOUR, "2026-03-02T01:30:00.000Z"],
    ["after closing: Mon 18:00 + 1 h → Tue 09:30", "2026-03-02T10:00:00.000Z", 1 * HOUR, "2026-03-03T01:30:00.000Z"],
    ["Friday 23:50 + 1 h → Monday 09:30", "2026-03-06T15:50:00.000Z", 1 * HOUR, "2026-03-09T01:30:00.000Z"],
    ["across the weekend: Fri 16:30 + 2 h → Mon 09:30", "2026-03-06T08:30:00.000Z", 2 * HOUR, "2026-03-09T01:30:00.000Z"],
    [
      "ends exactly at a period end: Mon 08:30 + 3.5 h → Mon 12:00 (not 13:30)",
      "2026-03-02T00:30:00.000Z",
      3.5 * HOUR,
      "2026-03-02T04:00:00.000Z",
    ],
    ["a full day: Mon 08:30 + 7.5 h → Mon 17:30", "2026-03-02T00:30:00.000Z", 7.5 * HOUR, "2026-03-02T09:30:00.000Z"],
    ["one minute more: Mon 08:30 + 7.5 h 1 min → Tue 08:31", "2026-03-02T00:30:00.000Z", 7.5 * HOUR + MIN, "2026-03-03T00:31:00.000Z"],
    ["a week: Mon 09:00 + 37.5 h → next Mon 09:00", "2026-03-02T01:00:00.000Z", 37.5 * HOUR, "2026-03-09T01:00:00.000Z"],
    ["zero duration stays put, even in the break", "2026-03-02T04:30:00.000Z", 0, "2026-03-02T04:30:00.000Z"],
    ["Saturday noon + 15 min → Monday 08:45", "2026-03-07T04:00:00.000Z", 15 * MIN, "2026-03-09T00:45:00.000Z"],
  ])("%s", (_case, start, d, due) => {
    expect(iso(addWorkingTime(SHANGHAI_OFFICE, at(start), d))).toBe(due);
  });
});

describe("workingTimeBetween", () => {
  it.each([
    ["24x7: plain difference", ALWAYS, "2026-03-02T01:00:00.000Z", "2026-03-05T03:30:00.000Z", 74.5 * HOUR],
    ["24x7: reversed → 0", ALWAYS, "2026-03-05T03:30:00.000Z", "2026-03-02T01:00:00.000Z", 0],
    ["Mon 09:00 → Mon 14:30 (lunch excluded)", SHANGHAI_OFFICE, "2026-03-02T01:00:00.000Z", "2026-03-02T06:30:00.000Z", 4 * HOUR],
    ["Fri 16:30 → Mon 09:30 (weekend excluded)", SHANGHAI_OFFICE, "2026-03-06T08:30:00.000Z", "2026-03-09T01:30:00.000Z", 2 * HOUR],
    ["inside the break → 0", SHANGHAI_OFFICE, "2026-03-02T04:10:00.000Z", "2026-03-02T05:20:00.000Z", 0],
    ["a whole week Mon 00:00 → Sat 00:00 local", SHANGHAI_OFFICE, "2026-03-01T16:00:00.000Z", "2026-03-06T16:00:00.000Z", 37.5 * HOUR],
    ["reversed → 0", SHANGHAI_OFFICE, "2026-03-02T06:30:00.000Z", "2026-03-02T01:00:00.000Z", 0],
    [
      "National Day: 09-30 00:00 → 10-11 00:00 local = 09-30, 10-08, 10-09, make-up 10-10",
      SHANGHAI_NATIONAL_DAY,
      "2026-09-29T16:00:00.000Z",
      "2026-10-10T16:00:00.000Z",
      30 * HOUR,
    ],
    ["National Day: the holidays themselves → 0", SHANGHAI_NATIONAL_DAY, "2026-09-30T16:00:00.000Z", "2026-10-07T16:00:00.000Z", 0],
  ] as Array<[string, Calendar, string, string, number]>)("%s", (_case, cal, from, to, ms) => {
    expect(workingTimeBetween(cal, at(from), at(to))).toBe(ms);
  });
});

describe("National Day 2026 with make-up working days (调休)", () => {
  it("72 h of working time from Wed 09-30 16:00 lands on Tue 10-20 11:30 (make-up Saturday counts)", () => {
    // Wed 1.5 h; 10-01..07 closed; Thu 8, Fri 9, Sat 10 (make-up), Mon 12 … Fri 16, Mon 19: 9 × 7.5 h;
    // 72 − 1.5 − 67.5 = 3 h on Tue 10-20 from 08:30 → 11:30 local = 03:30 UTC.
    expect(iso(addWorkingTime(SHANGHAI_NATIONAL_DAY, at("2026-09-30T08:00:00.000Z"), 72 * HOUR))).toBe("2026-10-20T03:30:00.000Z");
  });

  it("3 working days (22.5 h) from Wed 09-30 16:00 end on the make-up Saturday 10-10 at 16:00", () => {
    // Wed 1.5 h, Thu 10-08 7.5 h, Fri 10-09 7.5 h → 6 h left: Sat 08:30–12:00 (3.5 h) + 13:30–16:00.
    expect(iso(addWorkingTime(SHANGHAI_NATIONAL_DAY, at("2026-09-30T08:00:00.000Z"), 22.5 * HOUR))).toBe("2026-10-10T08:00:00.000Z");
  });

  it("without the make-up day the same deadline moves to Monday", () => {
    const noMakeUp = CalendarSchema.parse({ ...SHANGHAI_NATIONAL_DAY, workdays: [] });
    expect(iso(addWorkingTime(noMakeUp, at("2026-09-30T08:00:00.000Z"), 22.5 * HOUR))).toBe("2026-10-12T08:00:00.000Z");
  });

  it("the make-up Sunday 09-27 is worked: Fri 09-25 17:00 + 1 h → Sun 09-27 09:00", () => {
    expect(iso(addWorkingTime(SHANGHAI_NATIONAL_DAY, at("2026-09-25T09:00:00.000Z"), HOUR))).toBe("2026-09-27T01:00:00.000Z");
  });

  it("a start inside the holiday waits for 10-08", () => {
    expect(iso(addWorkingTime(SHANGHAI_NATIONAL_DAY, at("2026-10-03T02:00:00.000Z"), 30 * MIN))).toBe("2026-10-08T01:00:00.000Z");
  });

  it("makeUpSchedule overrides Monday's periods on make-up days", () => {
    const cal = CalendarSchema.parse({ ...SHANGHAI_NATIONAL_DAY, makeUpSchedule: [["09:00", "12:00"]] });
    // Fri 10-09 17:00 local: 0.5 h; Sat 10-10 09:00 + 1.5 h = 10:30 local.
    expect(iso(addWorkingTime(cal, at("2026-10-09T09:00:00.000Z"), 2 * HOUR))).toBe("2026-10-10T02:30:00.000Z");
    expect(workingTimeBetween(cal, at("2026-10-09T16:00:00.000Z"), at("2026-10-10T16:00:00.000Z"))).toBe(3 * HOUR);
  });
});

describe("calendar shape", () => {
  const base = { kind: "working-hours", timeZone: "Asia/Shanghai" } as const;

  it("periods given out of order give the same answers", () => {
    const reversed = CalendarSchema.parse({
      ...base,
      week: {
        "1": [
          ["13:30", "17:30"],
          ["08:30", "12:00"],
        ],
      },
    });
    expect(iso(addWorkingTime(reversed, at("2026-03-02T01:00:00.000Z"), 2 * HOUR))).toBe("2026-03-02T03:00:00.000Z");
    expect(iso(addWorkingTime(reversed, at("2026-03-02T01:00:00.000Z"), 4 * HOUR))).toBe("2026-03-02T06:30:00.000Z");
  });

  it("overlapping periods count their common time once", () => {
    const overlapping = CalendarSchema.parse({
      ...base,
      week: {
        "1": [
          ["08:00", "12:00"],
          ["11:00", "13:00"],
        ],
      },
    });
    expect(workingTimeBetween(overlapping, at("2026-03-01T16:00:00.000Z"), at("2026-03-02T16:00:00.000Z"))).toBe(5 * HOUR);
    // Mon 11:30 + 1 h → 12:30 (not 12:00 via the first period, then 11:30 again)
    expect(iso(addWorkingTime(overlapping, at("2026-03-02T03:30:00.000Z"), HOUR))).toBe("2026-03-02T04:30:00.000Z");
  });

  it("a period may end at 24:00 but not later", () => {
    const allDay = CalendarSchema.parse({ ...base, week: { "1": [["00:00", "24:00"]] } });
    expect(workingTimeBetween(allDay, at("2026-03-01T00:00:00.000Z"), at("2026-03-04T00:00:00.000Z"))).toBe(24 * HOUR);
    expect(CalendarSchema.safeParse({ ...base, week: { "1": [["23:00", "24:30"]] } }).success).toBe(false);
    expect(CalendarSchema.safeParse({ ...base, week: { "1": [["12:00", "08:00"]] } }).success).toBe(false);
    expect(CalendarSchema.safeParse({ ...base, timeZone: "Mars/Olympus" }).success).toBe(false);
  });

  it("a calendar without working time throws instead of looping", () => {
    const empty = CalendarSchema.parse({ ...base, week: {} });
    expect(() => addWorkingTime(empty, at("2026-03-02T01:00:00.000Z"), HOUR)).toThrow();
  });
});
