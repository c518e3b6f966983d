import { type Databases, isProcessed, refreshSurveyFact, sentNoticeKeysOf, writeFacts } from "@wuye/db";
import type { EventMessage, RequestEventMessage, SurveyEventMessage } from "./env.ts";
import { factsOf } from "@wuye/db";

/**
 * One request event: idempotent by event id; facts and the processed mark are written together.
 * Round trips: the processed mark, the branch's rows (one batch), the notices sent, the write (one batch).
 */
export async function handleRequestEvent(dbs: Databases, msg: RequestEventMessage, now: number): Promise<"done" | "duplicate" | "unknown-branch"> {
  if (await isProcessed(dbs.supervision, msg.eventId)) return "duplicate";
  const branch = await dbs.branch({ id: msg.branchId });
  if (!branch || branch.orgId !== msg.orgId) return "unknown-branch";
  const facts = await factsOf(dbs, branch, msg.requestId, (ids) => sentNoticeKeysOf(dbs.supervision, ids), now);
  if (!facts) throw new Error(`request ${msg.requestId} not found in branch ${branch.slug} (not committed yet?)`);
  await writeFacts(dbs.supervision, msg.eventId, facts.requestFact, facts.milestoneFacts, now);
  return "done";
}

/** A survey event: its totals are rebuilt from the branch's state, so repeats need no processed mark. */
export async function handleSurveyEvent(dbs: Databases, msg: SurveyEventMessage, now: number): Promise<"done" | "unknown-branch" | "unknown-survey"> {
  const branch = await dbs.branch({ id: msg.branchId });
  if (!branch || branch.orgId !== msg.orgId) return "unknown-branch";
  return (await refreshSurveyFact(dbs, branch, msg.surveyId, now)) ? "done" : "unknown-survey";
}

/** Which handler an event on the request-events queue goes to. */
export function handleEvent(dbs: Databases, msg: EventMessage, now: number) {
  return "surveyId" in msg ? handleSurveyEvent(dbs, msg, now) : handleRequestEvent(dbs, msg, now);
}

/** Events of one request (or survey) are handled in order; different ones concurrently. */
export const orderKey = (msg: EventMessage) => `${msg.branchId}/${"surveyId" in msg ? `survey:${msg.surveyId}` : msg.requestId}`;
