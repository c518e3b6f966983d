import { surveyTotals } from "@wuye/core";
import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { SupervisionDb } from "../client/index.ts";
import type { Databases } from "../runtime/index.ts";
import { surveyFacts } from "../schema/supervision.ts";
import type { BranchRow } from "./branch-directory.ts";
import { findSurvey, surveyAnswersOf } from "./survey.ts";
import type { Scope } from "./scope.ts";

export type SurveyFactRow = typeof surveyFacts.$inferSelect;

/**
 * Rebuilds what head office keeps of one survey from the branch's current state (counts and score sums,
 * no answers, no residents): repeated or out-of-order events are harmless. False when the survey is gone
 * or still a draft.
 */
export async function refreshSurveyFact(dbs: Databases, branch: BranchRow, surveyId: string, now: number): Promise<boolean> {
  const db = dbs.branchDb(branch);
  const [survey, answers] = await Promise.all([findSurvey(db, surveyId), surveyAnswersOf(db, surveyId)]);
  if (!survey || survey.status === "draft") return false;
  const totals = surveyTotals(survey.questions, answers);
  const row = {
    surveyId,
    orgId: branch.orgId,
    regionId: branch.regionId,
    branchId: branch.id,
    title: survey.title,
    scale: survey.scale,
    sentAt: survey.sentAt,
    closedAt: survey.status === "closed" ? survey.updatedAt : null,
    recipients: survey.recipients,
    ...totals,
    updatedAt: now,
  };
  const { surveyId: _key, ...set } = row;
  await dbs.supervision.insert(surveyFacts).values(row).onConflictDoUpdate({ target: surveyFacts.surveyId, set });
  return true;
}

/** Surveys sent in [from, to) within the scope, newest first. */
export async function surveyFactsIn(db: SupervisionDb, scope: Scope, from: number, to: number, limit = 500): Promise<SurveyFactRow[]> {
  return db
    .select()
    .from(surveyFacts)
    .where(
      and(
        eq(surveyFacts.orgId, scope.orgId),
        scope.regionId ? eq(surveyFacts.regionId, scope.regionId) : undefined,
        scope.branchId ? eq(surveyFacts.branchId, scope.branchId) : undefined,
        gte(surveyFacts.sentAt, from),
        lt(surveyFacts.sentAt, to),
      ),
    )
    .orderBy(desc(surveyFacts.sentAt))
    .limit(limit);
}
