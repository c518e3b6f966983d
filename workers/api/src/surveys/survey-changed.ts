import { newId, surveyEventRow } from "@wuye/core";
import type { BranchRow } from "@wuye/db";

/**
 * The outbox row telling the deadlines consumer a survey changed (sent, answered, closed): it rebuilds the
 * survey's PII-free totals for head office. Written in the same transaction as the change.
 */
export function surveyChanged(branch: BranchRow, surveyId: string, now: number) {
  return surveyEventRow(branch, { eventId: newId("evt", now), surveyId }, now);
}
