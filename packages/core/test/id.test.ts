import { describe, expect, it } from "vitest";
import { maskPhone } from "../src/request/intake.ts";
import { newId, newTrackingCode, TRACKING_CODE_PATTERN, trackingPrefixOf } from "../src/id/index.ts";

describe("ids", () => {
  it("prefixes and orders by time", () => {
    const a = newId("req", 1_700_000_000_000);
    const b = newId("req", 1_700_000_000_001);
    expect(a).toMatch(/^req_[0-9a-z]{22}$/);
    expect(a < b).toBe(true);
  });

  it("makes 10,000 distinct tracking codes in the documented shape", () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => newTrackingCode("YGHY")));
    expect(codes.size).toBe(10_000);
    for (const c of [...codes].slice(0, 100)) {
      expect(c).toMatch(TRACKING_CODE_PATTERN);
      expect(trackingPrefixOf(c)).toBe("YGHY");
      expect(c).not.toMatch(/[01IO]/);
    }
  });

  it.each(["", "YGHY", "YGHY-AAAAA", "yghy-AAAAA-AAAAA-AAAAA-AAAAA", "YGHY-AAAA0-AAAAA-AAAAA-AAAAA", "../../etc"])(
    "rejects %j as a tracking code",
    (code) => {
      expect(trackingPrefixOf(code)).toBeNull();
    },
  );

  it.each([
    ["13812341234", "138****1234"],
    ["02155550101", "021****0101"],
    ["12345", "*****"],
  ])("masks %s as %s", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
