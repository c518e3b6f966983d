import { describe, expect, it } from "vitest";
import { counterText, intakeRefusal, REPEAT_TEXT_WINDOW_MS } from "../../src/request/limits.ts";

const at = 1_700_000_000_000;
const submission = { text: "楼道灯不亮", at, dailyLimit: 3 };
const counter = (key: string, count: number, lastText: string | null = "别的事", lastAt: number | null = at - 5_000) => ({
  key,
  count,
  lastText,
  lastAt,
});

describe("intakeRefusal", () => {
  it("accepts a first submission and one under the limit", () => {
    expect(intakeRefusal([null, null], submission)).toBeNull();
    expect(intakeRefusal([counter("phone:139", 2), counter("ip:10.0.0.1", 2)], submission)).toBeNull();
  });

  it("refuses at the daily limit, counted per phone or per IP", () => {
    expect(intakeRefusal([counter("phone:139", 3), null], submission)).toBe("daily-limit");
    expect(intakeRefusal([counter("phone:139", 1), counter("ip:10.0.0.1", 3)], submission)).toBe("daily-limit");
    expect(intakeRefusal([counter("phone:139", 2)], { ...submission, dailyLimit: 2 })).toBe("daily-limit");
  });

  it("refuses the same text from the same phone within a minute, and only then", () => {
    expect(intakeRefusal([counter("phone:139", 1, "楼道灯不亮", at - 1_000)], submission)).toBe("repeat");
    expect(intakeRefusal([counter("phone:139", 1, "楼道灯不亮", at - REPEAT_TEXT_WINDOW_MS + 1)], submission)).toBe("repeat");
    expect(intakeRefusal([counter("phone:139", 1, "楼道灯不亮", at - REPEAT_TEXT_WINDOW_MS)], submission)).toBeNull();
    expect(intakeRefusal([counter("phone:139", 1, "楼道灯不亮 ", at - 1_000)], submission)).toBeNull();
  });

  it("compares what the counter keeps of a long text: its first 200 characters", () => {
    const long = "漏".repeat(250);
    expect(counterText(long)).toHaveLength(200);
    expect(intakeRefusal([counter("phone:139", 1, counterText(long), at - 1_000)], { ...submission, text: long })).toBe("repeat");
    expect(
      intakeRefusal([counter("phone:139", 1, counterText(long), at - 1_000)], { ...submission, text: `${long.slice(0, 199)}水` }),
    ).toBeNull();
  });

  it("lets neighbours behind one IP send the same text", () => {
    expect(intakeRefusal([null, counter("ip:10.0.0.1", 1, "楼道灯不亮", at - 1_000)], submission)).toBeNull();
  });

  it("names the limit before the repeat", () => {
    expect(intakeRefusal([counter("phone:139", 3, "楼道灯不亮", at - 1_000)], submission)).toBe("daily-limit");
  });
});
