import { describe, expect, it } from "vitest";
import { nextCheckAt, noticeOf, noticeSchedule } from "../src/milestone/index.ts";

const MIN = 60_000;
const plain = (from: number, ms: number) => from + ms;

describe("notice schedule", () => {
  it("warns at 80% and 30 min before, breaches at due, escalates after", () => {
    const start = 0;
    const s = noticeSchedule(
      { startAt: start, dueAt: 120 * MIN, durationMs: 120 * MIN },
      { warnAtShare: 0.8, warnLeadMs: 30 * MIN, escalationDelaysMs: [0, 30 * MIN] },
      plain,
    );
    expect(s).toEqual([
      { key: "warn:lead", at: 90 * MIN },
      { key: "warn:share", at: 96 * MIN },
      { key: "breach", at: 120 * MIN },
      { key: "escalate:1", at: 120 * MIN },
      { key: "escalate:2", at: 150 * MIN },
    ]);
  });

  it("drops a lead warning longer than the milestone itself", () => {
    const s = noticeSchedule(
      { startAt: 0, dueAt: 5 * MIN, durationMs: 5 * MIN },
      { warnAtShare: 0.8, warnLeadMs: 30 * MIN, escalationDelaysMs: [] },
      plain,
    );
    expect(s.map((n) => n.key)).toEqual(["warn:share", "breach"]);
  });

  it("finds the next unsent notice", () => {
    const s = [
      { key: "warn:share", at: 10 },
      { key: "breach", at: 20 },
    ];
    expect(nextCheckAt(s, new Set())).toBe(10);
    expect(nextCheckAt(s, new Set(["warn:share"]))).toBe(20);
    expect(nextCheckAt(s, new Set(["warn:share", "breach"]))).toBeNull();
  });

  it("reads notice keys", () => {
    expect(noticeOf("warn:share")).toEqual({ type: "warning", level: 0 });
    expect(noticeOf("breach")).toEqual({ type: "breach", level: 0 });
    expect(noticeOf("escalate:3")).toEqual({ type: "escalation", level: 3 });
    expect(() => noticeOf("boom")).toThrow();
  });
});
