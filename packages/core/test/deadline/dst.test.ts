import { describe, expect, it } from "vitest";
import { addWorkingTime, CalendarSchema, dayNumberOf, instantOf, workingTimeBetween } from "../../src/deadline/index.ts";
import { at, HOUR, iso, MIN, nightShift, plainNineToFive } from "./fixtures.ts";

// America/New_York: EST = UTC−5, EDT = UTC−4. 2026-03-08 02:00 EST → 03:00 EDT (at 07:00Z);
// 2026-11-01 02:00 EDT → 01:00 EST (at 06:00Z), so 01:00–02:00 happens twice.
// Europe/Berlin: CET = UTC+1, CEST = UTC+2. 2026-03-29 02:00 CET → 03:00 CEST (at 01:00Z);
// 2026-10-25 03:00 CEST → 02:00 CET (at 01:00Z), so 02:00–03:00 happens twice.
// Rule: a wall-clock time maps to the earliest instant whose local reading is at or after it — a time
// in a gap maps to the end of the gap, a repeated time to its first reading.

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";

describe("instantOf around transitions", () => {
  it.each([
    [NY, "2026-03-08", "01:59", "2026-03-08T06:59:00.000Z"],
    [NY, "2026-03-08", "02:00", "2026-03-08T07:00:00.000Z"], // gap → gap end (03:00 EDT)
    [NY, "2026-03-08", "02:30", "2026-03-08T07:00:00.000Z"],
    [NY, "2026-03-08", "03:00", "2026-03-08T07:00:00.000Z"],
    [NY, "2026-03-08", "03:30", "2026-03-08T07:30:00.000Z"],
    [NY, "2026-11-01", "00:30", "2026-11-01T04:30:00.000Z"],
    [NY, "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z"], // repeated → first reading (EDT)
    [NY, "2026-11-01", "02:00", "2026-11-01T07:00:00.000Z"],
    [NY, "2026-11-01", "24:00", "2026-11-02T05:00:00.000Z"],
    [BERLIN, "2026-03-29", "02:30", "2026-03-29T01:00:00.000Z"], // gap → gap end (03:00 CEST)
    [BERLIN, "2026-03-29", "03:00", "2026-03-29T01:00:00.000Z"],
    [BERLIN, "2026-03-29", "01:59", "2026-03-29T00:59:00.000Z"],
    [BERLIN, "2026-10-25", "02:30", "2026-10-25T00:30:00.000Z"], // repeated → first reading (CEST)
    [BERLIN, "2026-10-25", "03:00", "2026-10-25T02:00:00.000Z"],
    ["Asia/Shanghai", "2026-03-02", "08:30", "2026-03-02T00:30:00.000Z"],
  ])("%s %s %s → %s", (tz, date, hhmm, expected) => {
    const minute = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    expect(iso(instantOf(tz, dayNumberOf(date), minute))).toBe(expected);
  });
});

describe("plain 9–17 Mon–Fri across DST", () => {
  it("New York, spring forward: Fri 03-06 16:00 EST + 2 h → Mon 03-09 10:00 EDT", () => {
    expect(iso(addWorkingTime(plainNineToFive(NY), at("2026-03-06T21:00:00.000Z"), 2 * HOUR))).toBe("2026-03-09T14:00:00.000Z");
  });

  it("New York, spring forward: Fri 09:00 EST → Mon 17:00 EDT is 16 working hours", () => {
    expect(workingTimeBetween(plainNineToFive(NY), at("2026-03-06T14:00:00.000Z"), at("2026-03-09T21:00:00.000Z"))).toBe(16 * HOUR);
  });

  it("New York, fall back: Fri 10-30 16:00 EDT + 2 h → Mon 11-02 10:00 EST", () => {
    expect(iso(addWorkingTime(plainNineToFive(NY), at("2026-10-30T20:00:00.000Z"), 2 * HOUR))).toBe("2026-11-02T15:00:00.000Z");
  });

  it("New York, a week of 40 h across the spring change: Mon 03-02 09:00 EST → Mon 03-09 09:00 EDT", () => {
    expect(iso(addWorkingTime(plainNineToFive(NY), at("2026-03-02T14:00:00.000Z"), 40 * HOUR))).toBe("2026-03-06T22:00:00.000Z");
    expect(iso(addWorkingTime(plainNineToFive(NY), at("2026-03-02T14:00:00.000Z"), 40 * HOUR + MIN))).toBe("2026-03-09T13:01:00.000Z");
  });

  it("Berlin, spring forward: Fri 03-27 16:00 CET + 2 h → Mon 03-30 10:00 CEST", () => {
    expect(iso(addWorkingTime(plainNineToFive(BERLIN), at("2026-03-27T15:00:00.000Z"), 2 * HOUR))).toBe("2026-03-30T08:00:00.000Z");
  });
});

describe("a night shift 01:00–05:00 every day, crossing the change", () => {
  it("New York spring: 01:00 EST → 05:00 EDT is 3 real hours", () => {
    const cal = nightShift(NY);
    expect(workingTimeBetween(cal, at("2026-03-08T00:00:00.000Z"), at("2026-03-09T00:00:00.000Z"))).toBe(3 * HOUR);
    expect(workingTimeBetween(cal, at("2026-03-07T00:00:00.000Z"), at("2026-03-08T00:00:00.000Z"))).toBe(4 * HOUR);
    expect(iso(addWorkingTime(cal, at("2026-03-08T06:00:00.000Z"), 3 * HOUR))).toBe("2026-03-08T09:00:00.000Z");
    // 3.5 h: 3 h on 03-08, then 30 min from 01:00 EDT on 03-09 (05:00Z)
    expect(iso(addWorkingTime(cal, at("2026-03-08T06:00:00.000Z"), 3.5 * HOUR))).toBe("2026-03-09T05:30:00.000Z");
    // starting at 01:30 EST, 1 h of work ends at 03:30 EDT (the skipped hour is not work)
    expect(iso(addWorkingTime(cal, at("2026-03-08T06:30:00.000Z"), HOUR))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("New York fall: 01:00 EDT → 05:00 EST is 5 real hours", () => {
    const cal = nightShift(NY);
    expect(workingTimeBetween(cal, at("2026-11-01T00:00:00.000Z"), at("2026-11-02T00:00:00.000Z"))).toBe(5 * HOUR);
    expect(iso(addWorkingTime(cal, at("2026-11-01T05:00:00.000Z"), 4.5 * HOUR))).toBe("2026-11-01T09:30:00.000Z");
  });

  it("Berlin spring: 01:00 CET → 05:00 CEST is 3 real hours; fall: 01:00 CEST → 05:00 CET is 5", () => {
    const cal = nightShift(BERLIN);
    expect(workingTimeBetween(cal, at("2026-03-28T12:00:00.000Z"), at("2026-03-29T12:00:00.000Z"))).toBe(3 * HOUR);
    expect(iso(addWorkingTime(cal, at("2026-03-29T00:00:00.000Z"), 2 * HOUR))).toBe("2026-03-29T02:00:00.000Z");
    expect(workingTimeBetween(cal, at("2026-10-24T12:00:00.000Z"), at("2026-10-25T12:00:00.000Z"))).toBe(5 * HOUR);
    expect(iso(addWorkingTime(cal, at("2026-10-24T23:00:00.000Z"), 4 * HOUR))).toBe("2026-10-25T03:00:00.000Z");
  });

  it("a period ending inside the spring gap keeps all its existing time (00:30–02:30 → 1.5 h)", () => {
    expect(workingTimeBetween(nightShift(NY, ["00:30", "02:30"]), at("2026-03-08T00:00:00.000Z"), at("2026-03-09T00:00:00.000Z"))).toBe(
      1.5 * HOUR,
    );
    expect(workingTimeBetween(nightShift(BERLIN, ["00:30", "02:30"]), at("2026-03-28T12:00:00.000Z"), at("2026-03-29T12:00:00.000Z"))).toBe(
      1.5 * HOUR,
    );
  });

  it("a period starting inside the spring gap starts at the gap end (02:30–04:00 → 1 h)", () => {
    const cal = nightShift(NY, ["02:30", "04:00"]);
    expect(workingTimeBetween(cal, at("2026-03-08T00:00:00.000Z"), at("2026-03-09T00:00:00.000Z"))).toBe(HOUR);
    expect(iso(addWorkingTime(cal, at("2026-03-08T00:00:00.000Z"), 30 * MIN))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("a period ending inside the repeated hour counts the repeated part once (00:00–01:30 → 1.5 h)", () => {
    expect(workingTimeBetween(nightShift(NY, ["00:00", "01:30"]), at("2026-11-01T00:00:00.000Z"), at("2026-11-02T00:00:00.000Z"))).toBe(
      1.5 * HOUR,
    );
    expect(workingTimeBetween(nightShift(BERLIN, ["01:00", "02:30"]), at("2026-10-24T12:00:00.000Z"), at("2026-10-25T12:00:00.000Z"))).toBe(
      1.5 * HOUR,
    );
  });

  it("adjacent periods split inside the repeated hour tile without overlap", () => {
    const periods = [
      ["00:00", "01:30"],
      ["01:30", "03:00"],
    ];
    const cal = CalendarSchema.parse({ kind: "working-hours", timeZone: NY, week: { "0": periods } });
    // 00:00 EDT (04:00Z) → 03:00 EST (08:00Z) = 4 real hours, whatever the split.
    expect(workingTimeBetween(cal, at("2026-11-01T00:00:00.000Z"), at("2026-11-02T00:00:00.000Z"))).toBe(4 * HOUR);
  });
});
