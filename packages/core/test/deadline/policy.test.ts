import { describe, expect, it } from "vitest";
import {
  ALWAYS,
  DEFAULT_POLICY,
  type DeadlinePolicy,
  DeadlinePolicySchema,
  describeCommitments,
  milestonesFor,
  type Trigger,
} from "../../src/deadline/index.ts";
import type { RequestKind, Urgency } from "../../src/request/kind.ts";
import { at, iso, SHANGHAI_OFFICE } from "./fixtures.ts";

const START = "2026-03-02T01:00:00.000Z";
const KINDS: RequestKind[] = ["medical", "repair", "complaint", "inquiry", "security", "disaster", "help", "suggestion"];

const plan = (policy: DeadlinePolicy, kind: RequestKind, urgency: Urgency, trigger: Trigger, start = START, category?: string) =>
  milestonesFor(policy, { kind, urgency, trigger, at: at(start), category }).map((m) => ({
    name: m.name,
    dueAt: iso(m.dueAt),
    minutes: m.durationMs / 60_000,
    schedule: m.schedule.map((n) => [n.key, iso(n.at)]),
  }));
const dues = (policy: DeadlinePolicy, kind: RequestKind, urgency: Urgency, trigger: Trigger) =>
  plan(policy, kind, urgency, trigger).map((m) => [m.name, m.dueAt]);

describe("DEFAULT_POLICY: names and due times", () => {
  // [kind, urgency, trigger, expected [name, due]] — start 2026-03-02T01:00Z on the 24 h duty calendar
  const table: Array<[RequestKind, Urgency, Trigger, string[][]]> = [
    [
      "repair",
      "urgent",
      "created",
      [
        ["onSite", "2026-03-02T03:00:00.000Z"],
        ["repaired", "2026-03-03T01:00:00.000Z"],
      ],
    ],
    ["repair", "normal", "created", [["repaired", "2026-03-05T01:00:00.000Z"]]],
    ["complaint", "normal", "created", [["response", "2026-03-03T01:00:00.000Z"]]],
    ["complaint", "urgent", "created", [["response", "2026-03-03T01:00:00.000Z"]]],
    ["inquiry", "normal", "created", [["reply", "2026-03-02T01:05:00.000Z"]]],
    ["help", "normal", "created", [["reply", "2026-03-02T01:05:00.000Z"]]],
    ["medical", "urgent", "created", [["reply", "2026-03-02T01:05:00.000Z"]]],
    ["security", "urgent", "created", [["reply", "2026-03-02T01:05:00.000Z"]]],
    ["disaster", "urgent", "created", [["reply", "2026-03-02T01:05:00.000Z"]]],
    ["suggestion", "normal", "created", [["reply", "2026-03-03T01:00:00.000Z"]]],
    ["repair", "normal", "dispatched-to-engineering", [["review", "2026-03-02T01:15:00.000Z"]]],
    ["repair", "urgent", "dispatched-to-engineering", [["review", "2026-03-02T01:15:00.000Z"]]],
    ["complaint", "normal", "dispatched-to-engineering", []],
    ["repair", "normal", "completed", [["followUp", "2026-03-04T01:00:00.000Z"]]],
    ["complaint", "normal", "completed", [["followUp", "2026-03-04T01:00:00.000Z"]]],
    ["inquiry", "normal", "completed", []],
    ...KINDS.map((k): [RequestKind, Urgency, Trigger, string[][]] => [k, "normal", "promised", [["callback", START]]]),
  ];
  it.each(table)("%s (%s) on %s", (kind, urgency, trigger, expected) => {
    expect(dues(DEFAULT_POLICY, kind, urgency, trigger)).toEqual(expected);
  });

  it("records start, duration, calendar and policy version", () => {
    const [m] = milestonesFor(DEFAULT_POLICY, { kind: "repair", urgency: "urgent", trigger: "created", at: at(START) });
    expect(m).toMatchObject({ name: "onSite", startAt: at(START), durationMs: 7_200_000, calendar: ALWAYS, policyVersion: 1 });
  });
});

describe("DEFAULT_POLICY: notice schedules", () => {
  it("urgent repair on site (2 h): lead 30 min before, share at 80%, breach, escalations +0/30/60/120", () => {
    expect(plan(DEFAULT_POLICY, "repair", "urgent", "created")[0]!.schedule).toEqual([
      ["warn:lead", "2026-03-02T02:30:00.000Z"],
      ["warn:share", "2026-03-02T02:36:00.000Z"],
      ["breach", "2026-03-02T03:00:00.000Z"],
      ["escalate:1", "2026-03-02T03:00:00.000Z"],
      ["escalate:2", "2026-03-02T03:30:00.000Z"],
      ["escalate:3", "2026-03-02T04:00:00.000Z"],
      ["escalate:4", "2026-03-02T05:00:00.000Z"],
    ]);
  });

  it("urgent repair repaired (24 h): share at 19 h 12 min, lead at 23 h 30 min", () => {
    expect(plan(DEFAULT_POLICY, "repair", "urgent", "created")[1]!.schedule).toEqual([
      ["warn:share", "2026-03-02T20:12:00.000Z"],
      ["warn:lead", "2026-03-03T00:30:00.000Z"],
      ["breach", "2026-03-03T01:00:00.000Z"],
      ["escalate:1", "2026-03-03T01:00:00.000Z"],
      ["escalate:2", "2026-03-03T01:30:00.000Z"],
      ["escalate:3", "2026-03-03T02:00:00.000Z"],
      ["escalate:4", "2026-03-03T03:00:00.000Z"],
    ]);
  });

  it("normal repair (72 h) and follow-up (48 h)", () => {
    expect(plan(DEFAULT_POLICY, "repair", "normal", "created")[0]!.schedule.slice(0, 3)).toEqual([
      ["warn:share", "2026-03-04T10:36:00.000Z"],
      ["warn:lead", "2026-03-05T00:30:00.000Z"],
      ["breach", "2026-03-05T01:00:00.000Z"],
    ]);
    expect(plan(DEFAULT_POLICY, "complaint", "normal", "completed")[0]!.schedule.slice(0, 3)).toEqual([
      ["warn:share", "2026-03-03T15:24:00.000Z"],
      ["warn:lead", "2026-03-04T00:30:00.000Z"],
      ["breach", "2026-03-04T01:00:00.000Z"],
    ]);
  });

  it("5-minute reply: the 1-minute lead coincides with 80% (4 min) and is sent once, as warn:share", () => {
    expect(plan(DEFAULT_POLICY, "inquiry", "normal", "created")[0]!.schedule).toEqual([
      ["warn:share", "2026-03-02T01:04:00.000Z"],
      ["breach", "2026-03-02T01:05:00.000Z"],
      ["escalate:1", "2026-03-02T01:05:00.000Z"],
      ["escalate:2", "2026-03-02T01:35:00.000Z"],
      ["escalate:3", "2026-03-02T02:05:00.000Z"],
      ["escalate:4", "2026-03-02T03:05:00.000Z"],
    ]);
  });

  it("a 5-minute milestone with another share gets its 1-minute lead", () => {
    const policy: DeadlinePolicy = { ...DEFAULT_POLICY, warnAtShare: 0.5 };
    expect(plan(policy, "help", "normal", "created")[0]!.schedule.slice(0, 3)).toEqual([
      ["warn:share", "2026-03-02T01:02:30.000Z"],
      ["warn:lead", "2026-03-02T01:04:00.000Z"],
      ["breach", "2026-03-02T01:05:00.000Z"],
    ]);
  });

  it("15-minute review: no 30-minute lead, share at 12 min", () => {
    expect(plan(DEFAULT_POLICY, "repair", "normal", "dispatched-to-engineering")[0]!.schedule.slice(0, 2)).toEqual([
      ["warn:share", "2026-03-02T01:12:00.000Z"],
      ["breach", "2026-03-02T01:15:00.000Z"],
    ]);
  });

  it("callback at the promised time: breach and escalations only", () => {
    expect(plan(DEFAULT_POLICY, "complaint", "normal", "promised")[0]!.schedule).toEqual([
      ["breach", START],
      ["escalate:1", START],
      ["escalate:2", "2026-03-02T01:30:00.000Z"],
      ["escalate:3", "2026-03-02T02:00:00.000Z"],
      ["escalate:4", "2026-03-02T03:00:00.000Z"],
    ]);
  });
});

describe("the most specific rule wins", () => {
  const policy: DeadlinePolicy = {
    ...DEFAULT_POLICY,
    rules: [
      {
        milestone: "repaired",
        kinds: ["repair"],
        categories: ["elevator"],
        trigger: "created",
        durationMinutes: 12 * 60,
        calendar: "duty",
      },
      { milestone: "repaired", kinds: ["repair"], trigger: "created", durationMinutes: 96 * 60, calendar: "duty" },
      ...DEFAULT_POLICY.rules,
    ],
  };
  it.each([
    ["urgent", "elevator", "2026-03-02T13:00:00.000Z"], // category (2) beats urgency (1)
    ["normal", "elevator", "2026-03-02T13:00:00.000Z"],
    ["urgent", "door", "2026-03-03T01:00:00.000Z"], // urgency beats the generic 96 h rule
    ["normal", undefined, "2026-03-05T01:00:00.000Z"],
  ] as Array<[Urgency, string | undefined, string]>)("%s repair, category %s → repaired due %s", (urgency, category, due) => {
    const repaired = plan(policy, "repair", urgency, "created", START, category).find((m) => m.name === "repaired");
    expect(repaired?.dueAt).toBe(due);
  });

  it("with equal specificity the first rule wins", () => {
    const p2: DeadlinePolicy = {
      ...DEFAULT_POLICY,
      rules: [
        { milestone: "reply", kinds: ["inquiry"], trigger: "created", durationMinutes: 10, calendar: "duty" },
        ...DEFAULT_POLICY.rules,
      ],
    };
    expect(dues(p2, "inquiry", "normal", "created")).toEqual([["reply", "2026-03-02T01:10:00.000Z"]]);
  });
});

describe("a working-hours policy: schedules in working time", () => {
  const policy = DeadlinePolicySchema.parse({
    version: 3,
    calendars: { office: SHANGHAI_OFFICE, duty: ALWAYS },
    rules: [
      { milestone: "review", kinds: ["repair"], trigger: "dispatched-to-engineering", durationMinutes: 60, calendar: "office" },
      { milestone: "response", kinds: ["complaint"], trigger: "created", durationMinutes: 24 * 60, calendar: "office" },
    ],
  });

  it("1 h review from Mon 11:30 local: lead at 12:00, share at 13:48, due 14:00 (lunch skipped)", () => {
    const [review] = plan(policy, "repair", "normal", "dispatched-to-engineering", "2026-03-02T03:30:00.000Z");
    expect(review).toEqual({
      name: "review",
      dueAt: "2026-03-02T06:00:00.000Z",
      minutes: 60,
      schedule: [
        ["warn:lead", "2026-03-02T04:00:00.000Z"],
        ["warn:share", "2026-03-02T05:48:00.000Z"],
        ["breach", "2026-03-02T06:00:00.000Z"],
        // escalation delays are plain time after the breach
        ["escalate:1", "2026-03-02T06:00:00.000Z"],
        ["escalate:2", "2026-03-02T06:30:00.000Z"],
        ["escalate:3", "2026-03-02T07:00:00.000Z"],
        ["escalate:4", "2026-03-02T08:00:00.000Z"],
      ],
    });
  });

  it("24 working hours from Mon 09:00 local: share Wed 14:42, lead Thu 10:00, due Thu 10:30", () => {
    const [response] = plan(policy, "complaint", "normal", "created", "2026-03-02T01:00:00.000Z");
    expect(response!.schedule.slice(0, 3)).toEqual([
      ["warn:share", "2026-03-04T06:42:00.000Z"],
      ["warn:lead", "2026-03-05T02:00:00.000Z"],
      ["breach", "2026-03-05T02:30:00.000Z"],
    ]);
    expect(milestonesFor(policy, { kind: "complaint", urgency: "normal", trigger: "created", at: at(START) })[0]!.policyVersion).toBe(3);
  });
});

describe("DeadlinePolicySchema", () => {
  const ok = {
    version: 1,
    calendars: { duty: ALWAYS },
    rules: [{ milestone: "reply", kinds: ["inquiry"], trigger: "created", durationMinutes: 5, calendar: "duty" }],
  };
  const withRule = (r: Record<string, unknown>) => ({ ...ok, rules: [{ ...ok.rules[0], ...r }] });

  it("accepts the default policy and fills defaults", () => {
    expect(DeadlinePolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    expect(DeadlinePolicySchema.parse(ok)).toMatchObject({
      warnAtShare: 0.8,
      warnLeadMinutes: 30,
      shortWarnLeadMinutes: 1,
      escalationDelaysMinutes: [0, 30, 60, 120],
    });
  });

  it.each([
    ["a rule naming an undefined calendar", withRule({ calendar: "night" })],
    ["a calendar name inherited from Object.prototype", withRule({ calendar: "constructor" })],
    ["another one", withRule({ calendar: "toString" })],
    ["an unknown milestone name", withRule({ milestone: "lunch" })],
    ["a negative duration", withRule({ durationMinutes: -5 })],
    ["a fractional duration", withRule({ durationMinutes: 2.5 })],
    ["a negative lead", withRule({ warnLeadMinutes: -1 })],
    ["a share above 1", withRule({ warnAtShare: 1.5 })],
    ["an unknown kind", withRule({ kinds: ["parcel"] })],
    ["no kinds", withRule({ kinds: [] })],
    ["an unknown trigger", withRule({ trigger: "closed" })],
    ["a negative escalation delay", { ...ok, escalationDelaysMinutes: [0, -30] }],
    ["five escalation steps", { ...ok, escalationDelaysMinutes: [0, 30, 60, 120, 240] }],
    ["an unknown field", { ...ok, colour: "red" }],
  ])("rejects %s", (_case, input) => {
    expect(DeadlinePolicySchema.safeParse(input).success).toBe(false);
  });
});

describe("describeCommitments", () => {
  it("one line per rule with a non-zero duration, in English", () => {
    expect(describeCommitments(DEFAULT_POLICY, "en").map((c) => c.text)).toEqual([
      "Inquiry / Everyday help: Reply within 5 min",
      "Medical emergency / Security incident / Disaster (flooding, fire): Reply within 5 min",
      "Suggestion: Reply within 24 h",
      "Complaint: Complaint response within 24 h",
      "Repair (urgent): On site within 2 h",
      "Repair (urgent): Repaired within 24 h",
      "Repair (normal): Repaired within 72 h",
      "Repair: Non-standard item review within 15 min of reaching engineering",
      "Repair / Complaint: Follow-up visit within 48 h of completion",
      "Complaint: Progress update every 48 h until resolved",
    ]);
  });

  it("in Chinese", () => {
    expect(describeCommitments(DEFAULT_POLICY, "zh-CN").map((c) => c.text)).toEqual([
      "咨询 / 生活求助:5 分钟内答复",
      "急救求助 / 治安事件 / 灾害(水浸、火灾):5 分钟内答复",
      "建议:24 小时内答复",
      "投诉:24 小时内投诉响应",
      "报修 (紧急):2 小时内到场",
      "报修 (紧急):24 小时内修复",
      "报修 (一般):72 小时内修复",
      "报修:转工程部后 15 分钟内完成非标项目审核报价",
      "报修 / 投诉:完成后 48 小时内回访",
      "投诉:处理期间每 48 小时进展通报一次",
    ]);
  });

  it("carries the structured fields and writes 90 min as minutes", () => {
    const c = describeCommitments(
      {
        ...DEFAULT_POLICY,
        rules: [{ milestone: "onSite", kinds: ["repair"], urgency: "urgent", trigger: "created", durationMinutes: 90, calendar: "duty" }],
      },
      "en",
    );
    expect(c).toEqual([
      { milestone: "onSite", kinds: ["repair"], urgency: "urgent", minutes: 90, text: "Repair (urgent): On site within 90 min" },
    ]);
  });
});
