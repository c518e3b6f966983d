import { describe, expect, it } from "vitest";
import { BRANCH_ROLES, can } from "../../src/auth/index.ts";
import { t } from "../../src/i18n/index.ts";
import {
  checkVisitorRegistration,
  ShiftHandoverEditInputSchema,
  NightRuleRefused,
  NOTICE_CATEGORIES,
  publishesAtOnce,
  SurveySendInputSchema,
} from "../../src/frontdesk/index.ts";
import { STATUS_BY_CODE } from "../../src/errors/index.ts";

const SHANGHAI = "Asia/Shanghai";
const NIGHT = { from: "20:00", to: "08:00" };
const at = (local: string) => Date.parse(`${local}+08:00`);

describe("the night rule for visitor registration", () => {
  it("lets every desk role register by day, and only the night registrars at night, naming the hours when it refuses", () => {
    for (const role of BRANCH_ROLES.filter((r) => can(r, "visitor.register"))) {
      expect(checkVisitorRegistration(role, at("2026-05-01T10:00:00"), SHANGHAI, NIGHT)).toBe("visitor.register");
      const night = () => checkVisitorRegistration(role, at("2026-05-01T21:00:00"), SHANGHAI, NIGHT);
      if (can(role, "visitor.registerAtNight")) expect(night()).toBe("visitor.registerAtNight");
      else expect(night).toThrow(NightRuleRefused);
    }
  });

  it("refuses at 07:59 and allows at 08:00 with a 403 that says why, in both languages", () => {
    expect(() => checkVisitorRegistration("agent", at("2026-05-02T07:59:00"), SHANGHAI, NIGHT)).toThrow(NightRuleRefused);
    expect(checkVisitorRegistration("agent", at("2026-05-02T08:00:00"), SHANGHAI, NIGHT)).toBe("visitor.register");
    const err = new NightRuleRefused({ from: "21:00", to: "07:00" });
    expect(STATUS_BY_CODE[err.code]).toBe(403);
    expect(err.extra.detail).toMatchObject({
      rule: "night-visitor",
      from: "21:00",
      to: "07:00",
      allowedRoles: ["branchManager", "nightManager"].sort(),
    });
    const key = err.extra.explain!.key as "error.night_rule.detail";
    expect(t("zh-CN", key, err.extra.explain!.params)).toContain("21:00");
    expect(t("zh-CN", key, err.extra.explain!.params)).toContain("夜间值班经理");
    expect(t("en", key, err.extra.explain!.params)).toContain("night duty manager");
  });

  it("leaves a role that never registers visitors to the permission check", () => {
    expect(checkVisitorRegistration("technician", at("2026-05-01T21:00:00"), SHANGHAI, NIGHT)).toBe("visitor.registerAtNight");
  });
});

describe("emergency notices", () => {
  it("go out at once only when written by a role that may publish emergencies, and only in the emergency category", () => {
    for (const role of BRANCH_ROLES) {
      for (const category of NOTICE_CATEGORIES) {
        expect(publishesAtOnce(role, category), `${role} ${category}`).toBe(category === "emergency" && role === "branchManager");
      }
    }
  });
});

describe("front-desk inputs", () => {
  it("sends a survey to a community, a building, every verified resident, or residents of closed requests; nothing else", () => {
    expect(SurveySendInputSchema.safeParse({ communityId: "com_1" }).success).toBe(true);
    expect(SurveySendInputSchema.safeParse({ buildingId: "bld_1" }).success).toBe(true);
    expect(SurveySendInputSchema.safeParse({ allVerified: true }).success).toBe(true);
    expect(SurveySendInputSchema.safeParse({ allVerified: false }).success).toBe(false);
    expect(SurveySendInputSchema.safeParse({ communityId: "com_1", buildingId: "bld_1" }).success).toBe(false);
    expect(SurveySendInputSchema.safeParse({}).success).toBe(false);
  });

  it("edits a handover only with something to change", () => {
    expect(ShiftHandoverEditInputSchema.safeParse({}).success).toBe(false);
    expect(ShiftHandoverEditInputSchema.safeParse({ removeItemIds: [] }).success).toBe(false);
    expect(ShiftHandoverEditInputSchema.safeParse({ notes: "" }).success).toBe(true);
    expect(ShiftHandoverEditInputSchema.safeParse({ addItems: ["巡楼"] }).success).toBe(true);
    expect(ShiftHandoverEditInputSchema.safeParse({ addItems: ["<b>x</b>"] }).success).toBe(false);
  });
});
