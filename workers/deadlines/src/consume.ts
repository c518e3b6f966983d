import { type Databases, factsOfRequests, processedOf, refreshSurveyFact, type RequestFacts, sentNoticeKeysOf, writeFacts } from "@wuye/db";
import type { RequestEventMessage, SurveyEventMessage } from "@wuye/core";

/** What became of one event: "retry" when its request is not readable yet (not committed, or its branch database is down). */
export type EventOutcome = "done" | "duplicate" | "unknown-branch" | "retry";

/**
 * A batch's request events together, idempotent by event id. Facts are derived from the branch's current
 * state, so one derivation per request covers all of its events in the batch; they are written with every
 * event's processed mark in one transaction. Round trips for the whole batch: the processed marks, per
 * branch its rows (one batch) and the notices sent, then the write — instead of four per event.
 * Returns each event's outcome, in order; throws if the write fails (then nothing was written).
 */
export async function handleRequestEvents(dbs: Databases, events: RequestEventMessage[], now: number): Promise<EventOutcome[]> {
  const outcomes: EventOutcome[] = events.map(() => "duplicate");
  const processed = await processedOf(dbs.supervision, [...new Set(events.map((e) => e.eventId))]);
  const byBranch = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (!processed.has(e.eventId)) byBranch.set(e.branchId, [...(byBranch.get(e.branchId) ?? []), i]);
  });
  const facts: RequestFacts[] = [];
  const written: number[] = [];
  for (const [branchId, indexes] of byBranch) {
    const branch = await dbs.branch({ id: branchId });
    const own = indexes.filter((i) => branch && branch.orgId === events[i]!.orgId);
    for (const i of indexes) if (!own.includes(i)) outcomes[i] = "unknown-branch";
    if (!branch || own.length === 0) continue;
    let found: Map<string, RequestFacts>;
    try {
      found = await factsOfRequests(
        dbs,
        branch,
        [...new Set(own.map((i) => events[i]!.requestId))],
        (ids) => sentNoticeKeysOf(dbs.supervision, ids),
        now,
      );
    } catch (err) {
      console.error(
        JSON.stringify({ level: "warn", msg: "branch unreadable; its events will be retried", branch: branch.slug, error: String(err) }),
      );
      for (const i of own) outcomes[i] = "retry";
      continue;
    }
    facts.push(...found.values());
    for (const i of own) {
      // Not found: not committed yet (or lost); retried until it appears.
      if (found.has(events[i]!.requestId)) written.push(i);
      else outcomes[i] = "retry";
    }
  }
  if (facts.length === 0) return outcomes;
  await writeFacts(
    dbs.supervision,
    written.map((i) => events[i]!.eventId),
    facts,
    now,
  );
  for (const i of written) outcomes[i] = "done";
  return outcomes;
}

/** A survey event: its totals are rebuilt from the branch's state, so repeats need no processed mark. */
export async function handleSurveyEvent(
  dbs: Databases,
  msg: SurveyEventMessage,
  now: number,
): Promise<"done" | "unknown-branch" | "unknown-survey"> {
  const branch = await dbs.branch({ id: msg.branchId });
  if (!branch || branch.orgId !== msg.orgId) return "unknown-branch";
  return (await refreshSurveyFact(dbs, branch, msg.surveyId, now)) ? "done" : "unknown-survey";
}
