import { describe, expect, it } from "vitest";
import { LoginNameSchema, linkInAnswer, passwordWeakness } from "../src/auth/index.ts";

describe("password strength", () => {
  it.each([
    ["short1A!", "at least 10"],
    ["alllowercaseletters", "three of"],
    ["Password-2024", "common"],
    ["Zhangwei-2024x", "login name"],
  ])("refuses %s", (pw, why) => {
    expect(passwordWeakness(pw, ["zhangwei@example.cn"])).toContain(why);
  });
  it("accepts a long mixed password", () => {
    expect(passwordWeakness("Qing-Shui-2046", ["13800138000"])).toBeNull();
  });
});

describe("login names", () => {
  it("reads an email or a mainland phone", () => {
    expect(LoginNameSchema.parse(" Li@Example.CN ")).toEqual({ email: "li@example.cn" });
    expect(LoginNameSchema.parse("+86 138-0013-8000")).toEqual({ phone: "13800138000" });
    expect(LoginNameSchema.safeParse("12345").success).toBe(false);
    expect(LoginNameSchema.safeParse("a@b").success).toBe(false);
  });
});

describe("one-time links in the answer", () => {
  it("in production only when no SMS carried the link, for handing over in person", () => {
    expect(linkInAnswer("production", true)).toBe(false);
    expect(linkInAnswer("production", false)).toBe(true);
  });
  it("always in development and tests, where the dev sink stands for the phone", () => {
    expect(linkInAnswer("development", true)).toBe(true);
    expect(linkInAnswer("test", true)).toBe(true);
  });
});
