import { describe, expect, it } from "vitest";
import { surveyAnswerErrors } from "../src/frontdesk/index.ts";
import { isBreached, mayRecordBreachReason } from "../src/milestone/index.ts";
import { isSatisfied, RatingInputSchema } from "../src/request/index.ts";
import { mayAnswerTransfer, mayOfferTransfer, stepChoices, workflowOf } from "../src/workflow/index.ts";

const NOW = Date.parse("2026-05-01T12:00:00Z");

describe("a rating counts as satisfied", () => {
  it("as the resident said, else from 3 stars", () => {
    expect([1, 2, 3, 4, 5].map((score) => isSatisfied({ score }))).toEqual([false, false, true, true, true]);
    expect(isSatisfied({ score: 5, satisfied: false })).toBe(false);
    expect(isSatisfied({ score: 1, satisfied: true })).toBe(true);
  });

  it("from 1 to 5 stars, with a plain-text comment", () => {
    expect(RatingInputSchema.safeParse({ score: 0 }).success).toBe(false);
    expect(RatingInputSchema.safeParse({ score: 6 }).success).toBe(false);
    expect(RatingInputSchema.safeParse({ score: 4, comment: "<b>x</b>" }).success).toBe(false);
    expect(RatingInputSchema.safeParse({ score: 4, comment: " 很好 " }).data).toEqual({ score: 4, comment: "很好" });
  });
});

describe("a milestone is breached", () => {
  const m = { status: "open", dueAt: NOW, metAt: null, breachedAt: null };
  it("when marked, or running unmet past its due", () => {
    expect(isBreached(m, NOW)).toBe(false);
    expect(isBreached(m, NOW + 1)).toBe(true);
    expect(isBreached({ ...m, status: "paused" }, NOW + 1)).toBe(false);
    expect(isBreached({ ...m, status: "met", metAt: NOW - 1 }, NOW + 1)).toBe(false);
    expect(isBreached({ ...m, dueAt: null }, NOW + 1)).toBe(false);
    expect(isBreached({ ...m, status: "met", metAt: NOW + 5, breachedAt: NOW }, NOW + 9)).toBe(true);
  });

  it("and its reason may be recorded once marked or due", () => {
    expect(mayRecordBreachReason(m, NOW - 1)).toBe(false);
    expect(mayRecordBreachReason(m, NOW)).toBe(true);
    expect(mayRecordBreachReason({ dueAt: null, breachedAt: null }, NOW)).toBe(false);
    expect(mayRecordBreachReason({ dueAt: null, breachedAt: NOW - 5 }, NOW)).toBe(true);
  });
});

describe("a hand-over to a colleague (转交)", () => {
  it("is offered by the owner or a supervisor, and answered by the receiver only", () => {
    expect(mayOfferTransfer({ staffId: "a", role: "agent" }, "a")).toBe(true);
    expect(mayOfferTransfer({ staffId: "a", role: "agent" }, "b")).toBe(false);
    expect(mayOfferTransfer({ staffId: "a", role: "agent" }, null)).toBe(false);
    expect(mayOfferTransfer({ staffId: "s", role: "serviceSupervisor" }, "b")).toBe(true);
    expect(mayOfferTransfer({ staffId: "m", role: "branchManager" }, null)).toBe(true);
    expect(mayOfferTransfer({ staffId: "t", role: "technician" }, "b")).toBe(false);
    expect(mayAnswerTransfer({ staffId: "b" }, { toId: "b" })).toBe(true);
    expect(mayAnswerTransfer({ staffId: "a" }, { toId: "b" })).toBe(false);
  });
});

describe("survey answers", () => {
  const survey = {
    scale: 5,
    questions: [
      { id: "q1", type: "scale" as const },
      { id: "q2", type: "text" as const },
    ],
  };
  it("pass when each answers a question of the survey, once, in its form", () => {
    expect(
      surveyAnswerErrors(survey, [
        { questionId: "q1", score: 5 },
        { questionId: "q2", text: "好" },
      ]),
    ).toEqual([]);
  });
  it("name each bad field", () => {
    expect(
      surveyAnswerErrors(survey, [
        { questionId: "q9", score: 1 },
        { questionId: "q1", score: 6 },
        { questionId: "q2" },
        { questionId: "q1" },
      ]),
    ).toEqual([
      { path: "answers.0.questionId", message: "not a question of this survey" },
      { path: "answers.1.score", message: "a score from 1 to 5" },
      { path: "answers.2.text", message: "text expected" },
      { path: "answers.3.score", message: "a score from 1 to 5" },
      { path: "answers", message: "one answer per question" },
    ]);
  });
});

describe("a step's choices come from its schema", () => {
  it("reads an enum at a field path, through optional fields, and nothing elsewhere", () => {
    const repair = workflowOf("repair").steps;
    expect(stepChoices(repair["record-payment"]?.input, "method")).toEqual(["cash", "wechat", "alipay", "card", "transfer"]);
    expect(stepChoices(repair["defer-acceptance"]?.input, "condition")).toEqual(["next-rain", "water-flows"]);
    expect(stepChoices(workflowOf("complaint").steps.classify?.input, "communicativeType")).toEqual([
      "help",
      "inquiry",
      "suggestion",
      "venting",
    ]);
    expect(stepChoices(repair["defer-acceptance"]?.input, "note")).toEqual([]);
    expect(stepChoices(repair["defer-acceptance"]?.input, "condition.deeper")).toEqual([]);
    expect(stepChoices(undefined, "method")).toEqual([]);
  });
});
