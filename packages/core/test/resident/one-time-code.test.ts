import { describe, expect, it } from "vitest";
import {
  CODE_RESEND_AFTER_MS,
  codeRequestRefusal,
  MAX_CODE_ATTEMPTS,
  MAX_CODES_PER_DAY,
  newOneTimeCode,
  ONE_TIME_CODE_TTL_MS,
  OneTimeCodeSchema,
  oneTimeCodeHash,
  oneTimeCodeMatches,
  oneTimeCodeUsable,
} from "../../src/resident/index.ts";

const NOW = Date.parse("2026-05-01T12:00:00Z");

describe("one-time codes", () => {
  it("are six digits, leading zeros kept", () => {
    expect(newOneTimeCode(() => 42)).toBe("000042");
    expect(newOneTimeCode(() => 4_123_456_789)).toBe("456789");
    expect(newOneTimeCode()).toMatch(/^\d{6}$/);
    expect(OneTimeCodeSchema.safeParse("012345").success).toBe(true);
    expect(OneTimeCodeSchema.safeParse("12345").success).toBe(false);
    expect(OneTimeCodeSchema.safeParse("12345a").success).toBe(false);
  });

  it("match only the code they were stored for, salted with the code's id", async () => {
    const stored = { id: "otp_1", codeHash: await oneTimeCodeHash("otp_1", "123456") };
    expect(await oneTimeCodeMatches(stored, "123456")).toBe(true);
    expect(await oneTimeCodeMatches(stored, "123457")).toBe(false);
    expect(await oneTimeCodeMatches({ ...stored, id: "otp_2" }, "123456")).toBe(false);
  });

  it("may be tried while unused, unexpired, with tries left", () => {
    const code = { usedAt: null, expiresAt: NOW + ONE_TIME_CODE_TTL_MS, attempts: 0 };
    expect(oneTimeCodeUsable(code, NOW)).toBe(true);
    expect(oneTimeCodeUsable(code, NOW + ONE_TIME_CODE_TTL_MS)).toBe(true);
    expect(oneTimeCodeUsable(code, NOW + ONE_TIME_CODE_TTL_MS + 1)).toBe(false);
    expect(oneTimeCodeUsable({ ...code, usedAt: NOW }, NOW)).toBe(false);
    expect(oneTimeCodeUsable({ ...code, attempts: MAX_CODE_ATTEMPTS - 1 }, NOW)).toBe(true);
    expect(oneTimeCodeUsable({ ...code, attempts: MAX_CODE_ATTEMPTS }, NOW)).toBe(false);
  });

  it("are refused past the daily limit and before the resend wait, saying how long to wait", () => {
    expect(codeRequestRefusal([], NOW)).toBeNull();
    expect(codeRequestRefusal([{ createdAt: NOW - CODE_RESEND_AFTER_MS }], NOW)).toBeNull();
    expect(codeRequestRefusal([{ createdAt: NOW - 15_500 }], NOW)).toEqual({ reason: "resend-too-soon", retryAfterSeconds: 45 });
    const many = Array.from({ length: MAX_CODES_PER_DAY }, (_, i) => ({ createdAt: NOW - (i + 1) * 3_600_000 }));
    expect(codeRequestRefusal(many, NOW)).toEqual({ reason: "daily-limit", retryAfterSeconds: 3600 });
    expect(codeRequestRefusal(many.slice(1), NOW)).toBeNull();
  });
});
