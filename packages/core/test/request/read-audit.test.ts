import { describe, expect, it } from "vitest";
import { READ_AUDIT_WINDOW_MS, readAuditedSince } from "../../src/request/read-audit.ts";

describe("a staff read is audited once per window", () => {
  it("covers an earlier read less than 10 minutes old, not one exactly 10 minutes old", () => {
    const now = Date.UTC(2026, 11, 5, 12);
    expect(READ_AUDIT_WINDOW_MS).toBe(600_000);
    const since = readAuditedSince(now);
    expect(now - 599_999).toBeGreaterThanOrEqual(since);
    expect(now - 600_000).toBeLessThan(since);
    expect(now).toBeGreaterThanOrEqual(since);
  });
});
