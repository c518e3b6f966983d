import { describe, expect, it } from "vitest";
import { surveyPercent, surveyTotals } from "../../src/frontdesk/survey.ts";

const questions = [
  { id: "overall", type: "scale" as const },
  { id: "repair", type: "scale" as const },
  { id: "words", type: "text" as const },
];

describe("surveyTotals", () => {
  it("sums only scores given on scale questions", () => {
    const answers = [
      {
        answers: [
          { questionId: "overall", score: 5 },
          { questionId: "repair", score: 4 },
          { questionId: "words", text: "很好" },
        ],
      },
      { answers: [{ questionId: "overall", score: 2 }] },
      {
        answers: [
          { questionId: "words", text: "电梯太慢" },
          { questionId: "ghost", score: 5 },
        ],
      },
    ];
    expect(surveyTotals(questions, answers)).toEqual({ responses: 3, scoreSum: 11, scoreCount: 3 });
  });
  it("no answers: zeros", () => {
    expect(surveyTotals(questions, [])).toEqual({ responses: 0, scoreSum: 0, scoreCount: 0 });
  });
});

describe("surveyPercent", () => {
  it.each([
    [{ scoreSum: 5, scoreCount: 1 }, 5, 100],
    [{ scoreSum: 1, scoreCount: 1 }, 5, 0],
    [{ scoreSum: 3, scoreCount: 1 }, 5, 50],
    [{ scoreSum: 10, scoreCount: 2 }, 10, 44.4],
    [{ scoreSum: 0, scoreCount: 0 }, 5, null],
  ])("%o on 1–%i is %s", (t, scale, expected) => {
    expect(surveyPercent(t, scale)).toBe(expected);
  });
});
