import type { FieldError } from "../errors/index.ts";

/** What head office keeps of a survey: counts and score sums, never who answered what. */
export interface SurveyTotals {
  responses: number;
  scoreSum: number;
  scoreCount: number;
}

/** Totals over the answers' scores on the survey's scale questions (free-text answers carry no score). */
export function surveyTotals(
  questions: ReadonlyArray<{ id: string; type: "scale" | "text" }>,
  answers: ReadonlyArray<{ answers: ReadonlyArray<{ questionId: string; score?: number }> }>,
): SurveyTotals {
  const scaled = new Set(questions.filter((q) => q.type === "scale").map((q) => q.id));
  let scoreSum = 0;
  let scoreCount = 0;
  for (const a of answers) {
    for (const x of a.answers) {
      if (scaled.has(x.questionId) && typeof x.score === "number") {
        scoreSum += x.score;
        scoreCount += 1;
      }
    }
  }
  return { responses: answers.length, scoreSum, scoreCount };
}

/**
 * A survey's mean score as a share of its scale, 0–100 (1 → 0, the top of the scale → 100), so that
 * branches asking on 1–5 and on 1–10 compare; null without scores.
 */
export function surveyPercent(t: { scoreSum: number; scoreCount: number }, scale: number): number | null {
  if (t.scoreCount === 0 || scale <= 1) return null;
  const mean = t.scoreSum / t.scoreCount;
  return Math.round(((mean - 1) / (scale - 1)) * 1000) / 10;
}

/**
 * What is wrong with a resident's answers to a survey, each error naming its field: a question not of this
 * survey, a scale question without a score within the survey's scale, a text question without text, or two
 * answers to one question. Empty when the answers may be stored.
 */
export function surveyAnswerErrors(
  survey: { scale: number; questions: ReadonlyArray<{ id: string; type: "scale" | "text" }> },
  answers: ReadonlyArray<{ questionId: string; score?: number | undefined; text?: string | undefined }>,
): FieldError[] {
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  const errors = answers.flatMap((a, i): FieldError[] => {
    const q = byId.get(a.questionId);
    if (!q) return [{ path: `answers.${i}.questionId`, message: "not a question of this survey" }];
    if (q.type === "scale" && (a.score === undefined || a.score > survey.scale))
      return [{ path: `answers.${i}.score`, message: `a score from 1 to ${survey.scale}` }];
    if (q.type === "text" && a.text === undefined) return [{ path: `answers.${i}.text`, message: "text expected" }];
    return [];
  });
  if (new Set(answers.map((a) => a.questionId)).size !== answers.length)
    errors.push({ path: "answers", message: "one answer per question" });
  return errors;
}

/** Whom a survey is sent to (besides residents of recently closed requests, chosen by the requests themselves). */
export type SurveyPlaceTarget = { communityId: string } | { buildingId: string } | { allVerified: true };

/**
 * Whether a survey for `target` reaches a verified resident known at these places: the unit on their record and
 * every unit they filed a request from (a record verified before its first request has no unit of its own).
 */
export function surveyReaches(target: SurveyPlaceTarget, places: ReadonlyArray<{ communityId: string; buildingId: string }>): boolean {
  if ("allVerified" in target) return true;
  if ("communityId" in target) return places.some((p) => p.communityId === target.communityId);
  return places.some((p) => p.buildingId === target.buildingId);
}
