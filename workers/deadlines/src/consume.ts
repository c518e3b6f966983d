import { type Databases, isProcessed, sentNoticeKeysOf, writeFacts } from "@wuye/db";
import type { RequestEventMessage } from "./env.ts";
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
