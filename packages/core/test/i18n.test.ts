import { describe, expect, it } from "vitest";
import { CATALOG, pickLocale, t } from "../src/i18n/index.ts";
import { REQUEST_KINDS, MILESTONE_NAMES, CHANNELS } from "../src/request/index.ts";
import { ROLES } from "../src/auth/index.ts";
import { STATUS_BY_CODE } from "../src/errors/index.ts";

describe("i18n catalog", () => {
  it("has the same keys in zh-CN and en, none empty", () => {
    expect(Object.keys(CATALOG.en).sort()).toEqual(Object.keys(CATALOG["zh-CN"]).sort());
    for (const [locale, messages] of Object.entries(CATALOG)) {
      for (const [key, value] of Object.entries(messages)) expect(value.trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(CATALOG["zh-CN"]) as Array<keyof (typeof CATALOG)["en"]>) {
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(CATALOG.en[key]), key).toEqual(ph(CATALOG["zh-CN"][key]));
    }
  });

  it("names every kind, milestone, channel, role and error", () => {
    const keys = new Set(Object.keys(CATALOG["zh-CN"]));
    const needed = [
      ...REQUEST_KINDS.map((k) => `kind.${k}`),
      ...MILESTONE_NAMES.map((m) => `milestone.${m}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...ROLES.map((r) => `role.${r}`),
      ...Object.keys(STATUS_BY_CODE).map((c) => `error.${c}`),
    ];
    for (const k of needed) expect(keys.has(k), k).toBe(true);
  });

  it("fills parameters and picks zh-CN by default", () => {
    expect(t("zh-CN", "auth.locked", { minutes: 15 })).toBe("密码错误次数过多,请15分钟后再试");
    expect(t("en", "auth.locked", { minutes: 15 })).toContain("15 minutes");
    expect(pickLocale(undefined)).toBe("zh-CN");
    expect(pickLocale("en-US,en;q=0.9")).toBe("en");
    expect(pickLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
  });
});
