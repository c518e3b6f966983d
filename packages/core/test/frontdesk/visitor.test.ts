import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isNightShift, localMinuteOfDay, maskIdNumber, visitorRegistrationAction } from "../../src/frontdesk/index.ts";

const SH = "Asia/Shanghai";
const night = { from: "20:00", to: "08:00" };
const at = (local: string) => Date.parse(`${local}+08:00`);

describe("night shift", () => {
  it.each([
    ["2026-05-01T19:59:59", false],
    ["2026-05-01T20:00:00", true],
    ["2026-05-01T21:00:00", true],
    ["2026-05-01T23:59:00", true],
    ["2026-05-02T00:00:00", true],
    ["2026-05-02T07:59:00", true],
    ["2026-05-02T08:00:00", false],
    ["2026-05-02T12:00:00", false],
  ])("%s in Shanghai is night: %s", (local, want) => {
    expect(isNightShift(at(local), SH, night)).toBe(want);
  });

  it("reads the branch's zone, not UTC", () => {
    // 21:00 in Shanghai is 13:00 UTC: night in Shanghai, day in London (BST +1 = 14:00).
    const t = at("2026-05-01T21:00:00");
    expect(isNightShift(t, SH, night)).toBe(true);
    expect(isNightShift(t, "Europe/London", night)).toBe(false);
  });

  it("follows the branch's own setting, wrapping midnight or not", () => {
    expect(isNightShift(at("2026-05-01T21:30:00"), SH, { from: "22:00", to: "06:00" })).toBe(false);
    expect(isNightShift(at("2026-05-01T13:00:00"), SH, { from: "12:00", to: "14:00" })).toBe(true);
    expect(isNightShift(at("2026-05-01T13:00:00"), SH, { from: "08:00", to: "08:00" })).toBe(false);
  });

  it("uses local wall time across DST (New York)", () => {
    // 2026-03-08: clocks go 02:00 → 03:00 in New York; 21:00 local on either side is night.
    expect(isNightShift(Date.parse("2026-03-07T21:00:00-05:00"), "America/New_York", night)).toBe(true);
    expect(isNightShift(Date.parse("2026-03-08T21:00:00-04:00"), "America/New_York", night)).toBe(true);
    expect(isNightShift(Date.parse("2026-03-08T09:00:00-04:00"), "America/New_York", night)).toBe(false);
  });

  it("asks for the night permission exactly at night (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse("2020-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }), (t) => {
        const m = localMinuteOfDay(SH, t);
        const want = m >= 20 * 60 || m < 8 * 60;
        expect(visitorRegistrationAction(t, SH, night)).toBe(want ? "visitor.registerAtNight" : "visitor.register");
      }),
    );
  });
});

describe("ID masking", () => {
  it("keeps only the last 4 characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("**************002X");
    expect(maskIdNumber("e1234 5678")).toBe("*****5678");
    expect(maskIdNumber("123")).toBe("***");
  });
  it("never leaks more than 4 characters (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{5,20}$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked.length).toBe(id.length);
        expect(masked.slice(-4)).toBe(id.slice(-4));
        expect(masked.slice(0, -4)).toMatch(/^\*+$/);
      }),
    );
  });
});
