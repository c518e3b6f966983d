import { describe, expect, it } from "vitest";
import {
  budgetJustSpent,
  hourWindow,
  secondsToNextHour,
  SMS_HOURLY_LIMITS,
  smsBudgetVerdict,
  smsRequestCounters,
} from "../src/notification/sms-limits.ts";

describe("SMS limits", () => {
  const at = Date.UTC(2026, 11, 5, 20, 59, 59);

  it("counts per client IP and per branch, per UTC hour", () => {
    expect(smsRequestCounters("203.0.113.9", at)).toEqual([
      { key: "sms-ip:203.0.113.9", window: hourWindow(at), cap: SMS_HOURLY_LIMITS.perIp, at },
      { key: "sms-branch", window: hourWindow(at), cap: SMS_HOURLY_LIMITS.perBranch, at },
    ]);
    expect(hourWindow(at + 1000)).toBe(hourWindow(at) + 1);
    expect(secondsToNextHour(at)).toBe(1);
  });

  it.each([
    ["workOrder.dispatched", 499, 500, "send"],
    ["workOrder.dispatched", 500, 500, "over-budget"],
    ["request.received", 900, 500, "over-budget"],
    ["request.alarm", 500, 500, "send"],
    ["resident.otp", 10_000, 500, "send"],
    ["milestone.breach", 501, 500, "send"],
  ] as const)("%s with %i sent of %i: %s", (type, sent, budget, verdict) => {
    expect(smsBudgetVerdict(type, sent, budget)).toBe(verdict);
  });

  it("alarms the manager once, when the budget is first spent", () => {
    expect([499, 500, 501].map((n) => budgetJustSpent(n, 500))).toEqual([false, true, false]);
  });
});
