import { describe, expect, it } from "vitest";
import { offsetAt } from "../../src/deadline/zoned-time.ts";
import {
  previousReportingMonth,
  REPORTING_TIME_ZONE,
  REPORTING_UTC_OFFSET_MS,
  reportingDay,
  reportingDayStart,
  reportingDaysBefore,
  reportingMonth,
  reportingMonthBounds,
  reportingPeriod,
} from "../../src/supervision/index.ts";

const at = (s: string) => Date.parse(s);
const DAY = 86_400_000;

describe("head office's reporting calendar (Asia/Shanghai)", () => {
  it("a day runs from 00:00 to 24:00 in Shanghai, not UTC", () => {
    expect(reportingDay(at("2026-11-20T15:59:59Z"))).toBe("2026-11-20");
    expect(reportingDay(at("2026-11-20T16:00:00Z"))).toBe("2026-11-21");
    expect(reportingDayStart(at("2026-11-21T03:00:00Z"))).toBe(at("2026-11-21T00:00:00+08:00"));
    expect(reportingDaysBefore(at("2026-11-20T17:00:00Z"), 30)).toBe("2026-10-22");
  });

  it("a period is [from 00:00, the day after to 00:00), thirty days back by default", () => {
    expect(reportingPeriod({ from: "2026-11-01", to: "2026-11-30" }, 0)).toEqual({
      from: at("2026-11-01T00:00:00+08:00"),
      to: at("2026-12-01T00:00:00+08:00"),
    });
    const now = at("2026-11-20T12:00:00Z");
    expect(reportingPeriod({}, now)).toEqual({ from: now - 30 * DAY, to: now });
  });

  it("months, their bounds and the month before, across a year end", () => {
    expect(reportingMonth(at("2026-12-31T16:30:00Z"))).toBe("2027-01");
    expect(reportingMonthBounds("2026-12")).toEqual([at("2026-12-01T00:00:00+08:00"), at("2027-01-01T00:00:00+08:00")]);
    expect(previousReportingMonth(at("2027-01-05T00:00:00+08:00"))).toBe("2026-12");
    expect(previousReportingMonth(at("2027-03-01T00:00:00+08:00"))).toBe("2027-02");
  });

  it("the fixed offset SQL groups by is the zone's offset all year", () => {
    for (let t = at("2020-01-01T00:00:00Z"); t < at("2031-01-01T00:00:00Z"); t += 17 * DAY)
      expect(offsetAt(REPORTING_TIME_ZONE, t)).toBe(REPORTING_UTC_OFFSET_MS);
  });
});
