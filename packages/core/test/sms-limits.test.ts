import { describe, expect, it } from "vitest";
import { defaultBranchSettings, BranchSettingsPatchSchema, BranchSettingsSchema, readBranchSettings } from "../src/branch/settings.ts";
import { NotificationSchema, requeuedNotificationRow, requestNoticeRow, smsBudgetAlarmRow } from "../src/message/index.ts";
import {
  DEFAULT_SMS_DAILY_BUDGET,
  hourlyHold,
  hourWindow,
  readSmsHold,
  secondsToNextHour,
  SMS_HOLD_REASONS,
  SMS_HOURLY_LIMITS,
  smsBudgetReached,
  smsBudgetVerdict,
  smsCounters,
  smsDay,
  smsHoldLimit,
  smsHoldText,
} from "../src/notification/sms-limits.ts";
import { holdTrackingLink, type IntakePlan, trackingLinkPhone } from "../src/request/intake.ts";

describe("SMS limits", () => {
  const at = Date.UTC(2026, 11, 5, 20, 59, 59);

  it("counts the portal per client IP, phone and branch, per UTC hour; staff's texts per phone and branch only", () => {
    expect(smsCounters({ phone: "13800138001", clientIp: "203.0.113.9" }, at)).toEqual([
      { key: "sms-ip:203.0.113.9", window: hourWindow(at), cap: SMS_HOURLY_LIMITS.perIp, at },
      { key: "sms-phone:13800138001", window: hourWindow(at), cap: SMS_HOURLY_LIMITS.perPhone, at },
      { key: "sms-branch", window: hourWindow(at), cap: SMS_HOURLY_LIMITS.perBranch, at },
    ]);
    expect(smsCounters({ phone: "13800138001" }, at).map((c) => c.key)).toEqual(["sms-phone:13800138001", "sms-branch"]);
    expect(hourWindow(at + 1000)).toBe(hourWindow(at) + 1);
    expect(secondsToNextHour(at)).toBe(1);
  });

  it("tells which hourly limit refused a text: the phone's first", () => {
    expect(hourlyHold({ phone: SMS_HOURLY_LIMITS.perPhone, branch: 3 })).toBe("phone-hourly");
    expect(hourlyHold({ phone: SMS_HOURLY_LIMITS.perPhone, branch: SMS_HOURLY_LIMITS.perBranch })).toBe("phone-hourly");
    expect(hourlyHold({ phone: 1, branch: SMS_HOURLY_LIMITS.perBranch })).toBe("branch-hourly");
  });

  it.each([
    ["workOrder.dispatched", 499, 500, "send"],
    ["workOrder.dispatched", 500, 500, "over-budget"],
    ["request.received", 900, 500, "over-budget"],
    ["request.trackingLink", 0, 0, "over-budget"],
    ["request.alarm", 500, 500, "send"],
    ["resident.otp", 10_000, 500, "send"],
    ["milestone.breach", 501, 500, "send"],
    ["sms.budgetReached", 500, 500, "over-budget"],
  ] as const)("%s with %i sent of %i: %s", (type, sent, budget, verdict) => {
    expect(smsBudgetVerdict(type, sent, budget)).toBe(verdict);
  });

  it("finds the budget reached by the text that spends it and every one after", () => {
    expect([498, 499, 500, 501].map((n) => smsBudgetReached(n, 500))).toEqual([false, true, true, true]);
    expect(smsBudgetReached(0, 0)).toBe(true);
  });

  it("counts a calendar day in the branch's time zone: Shanghai's day turns at 16:00 UTC", () => {
    const before = smsDay("Asia/Shanghai", Date.UTC(2026, 11, 5, 15, 59, 59));
    const after = smsDay("Asia/Shanghai", Date.UTC(2026, 11, 5, 16, 0, 0));
    expect(before.date).toBe("2026-12-05");
    expect(after).toEqual({ window: before.window + 1, date: "2026-12-06" });
    expect(smsDay("UTC", Date.UTC(2026, 11, 5, 16, 0, 0)).date).toBe("2026-12-05");
  });

  it("writes a held text's reason in English and reads it back for any reader's language", () => {
    for (const reason of SMS_HOLD_REASONS) {
      const limit = smsHoldLimit(reason, 40);
      expect(readSmsHold(smsHoldText(reason, limit))).toEqual({ reason, limit });
    }
    expect(smsHoldText("daily-budget", 40)).toBe("daily SMS budget of 40 spent");
    expect(smsHoldLimit("phone-hourly", 40)).toBe(SMS_HOURLY_LIMITS.perPhone);
    expect(readSmsHold("quiet hours until 2026-12-06T23:00:00.000Z")).toBeNull();
    expect(readSmsHold("daily SMS budget of lots spent")).toBeNull();
    expect(readSmsHold(null)).toBeNull();
  });
});

describe("the daily SMS budget setting", () => {
  it("defaults to the documented budget, also for settings stored before it existed, and takes 0 to 100000", () => {
    expect(defaultBranchSettings().smsDailyBudget).toBe(DEFAULT_SMS_DAILY_BUDGET);
    const { smsDailyBudget: _b, ...older } = defaultBranchSettings();
    expect(readBranchSettings(older).smsDailyBudget).toBe(DEFAULT_SMS_DAILY_BUDGET);
    expect(BranchSettingsPatchSchema.parse({ smsDailyBudget: 0 })).toEqual({ smsDailyBudget: 0 });
    expect(BranchSettingsPatchSchema.parse({ publicDailyLimit: 3 })).toEqual({ publicDailyLimit: 3 }); // left out, left alone
    for (const bad of [-1, 100_001, 2.5, "50", null])
      expect(BranchSettingsSchema.safeParse({ ...defaultBranchSettings(), smsDailyBudget: bad }).success, String(bad)).toBe(false);
  });
});

describe("held texts and the budget alarm on the message contract", () => {
  const branch = { id: "br_1", orgId: "org_1" };

  it("alarms the manager once a branch-local day, by an id made of that day", () => {
    const a = smsBudgetAlarmRow(branch, { date: "2026-12-05", budget: 500 }, 1);
    const again = smsBudgetAlarmRow(branch, { date: "2026-12-05", budget: 500 }, 2);
    const next = smsBudgetAlarmRow(branch, { date: "2026-12-06", budget: 500 }, 3);
    expect(a.id).toBe(again.id);
    expect(a.payload.notificationId).toBe(a.id);
    expect(next.id).not.toBe(a.id);
    expect(NotificationSchema.parse(a.payload)).toMatchObject({ type: "sms.budgetReached", recipients: ["branchManager"] });
  });

  it("carries a tracking link held at intake, and queues it again without the hold on retry", () => {
    const plan = {
      notices: [
        { type: "request.received", recipients: ["resident"], params: {}, ifResident: true },
        { type: "request.trackingLink", recipients: [], to: "13800138001", params: { link: "x" } },
      ],
    } as unknown as IntakePlan;
    expect(trackingLinkPhone(plan)).toBe("13800138001");
    expect(trackingLinkPhone({ notices: [plan.notices[0]!] } as IntakePlan)).toBeNull();
    const held = holdTrackingLink(plan, "daily-budget");
    expect(held.notices.map((n) => n.heldBy)).toEqual([undefined, "daily-budget"]);
    expect(plan.notices[1]!.heldBy).toBeUndefined(); // the plan itself is left as it was
    const row = requestNoticeRow(
      branch,
      {
        subjectId: "req_1",
        part: "t",
        requestId: "req_1",
        type: "request.trackingLink",
        recipients: [],
        to: "13800138001",
        heldBy: "phone-hourly",
      },
      1,
    );
    expect(NotificationSchema.parse(row.payload).heldBy).toBe("phone-hourly");
    expect(NotificationSchema.safeParse({ ...row.payload, heldBy: "because" }).success).toBe(false);
    expect(requeuedNotificationRow(row.payload as never, 2).payload).not.toHaveProperty("heldBy");
  });
});
