import { type ComplaintRecord, nextCheckAt, REPEAT_COMPLAINT_WINDOW_MS } from "@wuye/core";
import type { CorrectiveActionFact } from "../schema/supervision.ts";
import type { Databases } from "../runtime/index.ts";
import type { BranchRow } from "./branch-directory.ts";
import { type MilestoneFactRow, type RequestFactRow, sentNoticeKeysOf, writeFacts } from "./supervision.ts";
import { and, eq, gte, inArray, lte, ne } from "drizzle-orm";
import { milestonePauses, milestones as milestonesTable, requestRecords, requests } from "../schema/branch.ts";

export interface RequestFacts {
  requestFact: RequestFactRow;
  milestoneFacts: MilestoneFactRow[];
}

/**
 * Rebuilds the PII-free facts of one request from the branch database's current state. Deriving from state
 * (not from the event's delta) makes repeats and out-of-order deliveries harmless.
 */
export async function factsOf(
  dbs: Databases,
  branch: BranchRow,
  requestId: string,
  sent: (milestoneIds: string[]) => Promise<Map<string, Set<string>>>,
  now: number,
): Promise<RequestFacts | null> {
  return (await factsOfRequests(dbs, branch, [requestId], sent, now)).get(requestId) ?? null;
}

/**
 * The facts of many requests of one branch (absent: not in the branch database). One read batch for all
 * of them and one call of `sent` for all their open milestones, so a queue batch costs two round trips
 * per branch rather than two per request.
 */
export async function factsOfRequests(
  dbs: Databases,
  branch: BranchRow,
  requestIds: string[],
  sent: (milestoneIds: string[]) => Promise<Map<string, Set<string>>>,
  now: number,
): Promise<Map<string, RequestFacts>> {
  const out = new Map<string, RequestFacts>();
  if (requestIds.length === 0) return out;
  const db = dbs.branchDb(branch);
  // The requests, their milestones, the milestones' pauses and the complaints' summaries: one batch (one round trip).
  const [rows, milestones, pauses, summaries] = await db.batch([
    db.select().from(requests).where(inArray(requests.id, requestIds)),
    db
      .select()
      .from(milestonesTable)
      .where(inArray(milestonesTable.requestId, requestIds))
      .orderBy(milestonesTable.startAt, milestonesTable.name),
    db
      .select()
      .from(milestonePauses)
      .where(
        inArray(
          milestonePauses.milestoneId,
          db.select({ id: milestonesTable.id }).from(milestonesTable).where(inArray(milestonesTable.requestId, requestIds)),
        ),
      ),
    db
      .select({ requestId: requestRecords.requestId, data: requestRecords.data })
      .from(requestRecords)
      .where(and(inArray(requestRecords.requestId, requestIds), eq(requestRecords.kind, "complaint"))),
  ]);
  const summaryOf = new Map(summaries.map((r) => [r.requestId, (r.data as ComplaintRecord).summary]));
  const open = milestones.filter((m) => m.status !== "met" && m.status !== "cancelled").map((m) => m.id);
  const sentKeys = open.length ? await sent(open) : new Map<string, Set<string>>();
  for (const request of rows) {
    const requestFact: RequestFactRow = {
      requestId: request.id,
      orgId: branch.orgId,
      regionId: branch.regionId,
      branchId: branch.id,
      communityId: request.communityId,
      kind: request.kind,
      category: request.category,
      urgency: request.urgency,
      channel: request.channel,
      status: request.status,
      createdAt: request.createdAt,
      closedAt: request.closedAt,
      satisfaction: request.satisfaction,
      reopened: request.reopenCount > 0,
      repeatComplaint: request.kind === "complaint" && request.unitId !== null ? await earlierComplaintFromUnit(db, request) : false,
      correctiveAction: correctiveActionOf(summaryOf.get(request.id)),
      updatedAt: now,
    };
    const milestoneFacts: MilestoneFactRow[] = [];
    for (const m of milestones) {
      if (m.requestId !== request.id) continue;
      const own = pauses.filter((p) => p.milestoneId === m.id);
      const pausedMs = own.reduce((sum, p) => sum + ((p.to ?? now) - p.from), 0);
      const done = m.status === "met" || m.status === "cancelled";
      const paused = own.some((p) => p.to === null);
      milestoneFacts.push({
        milestoneId: m.id,
        requestId: m.requestId,
        orgId: branch.orgId,
        regionId: branch.regionId,
        branchId: branch.id,
        name: m.name,
        kind: request.kind,
        startAt: m.startAt,
        dueAt: m.dueAt,
        status: paused && !done ? "paused" : m.status,
        metAt: m.metAt,
        breachedAt: m.breachedAt,
        breachReason: m.breachReason,
        pausedMs,
        schedule: m.schedule,
        nextCheckAt: done || paused ? null : nextCheckAt(m.schedule, sentKeys.get(m.id) ?? new Set()),
        updatedAt: now,
      });
    }
    out.set(request.id, { requestFact, milestoneFacts });
  }
  return out;
}

/** What head office's PDCA report keeps of a complaint's summary: the lesson, not the story. */
function correctiveActionOf(summary: ComplaintRecord["summary"]): CorrectiveActionFact | null {
  if (!summary) return null;
  const { cause, correctiveAction, preventiveAction, department } = summary;
  return { cause, correctiveAction, preventiveAction, department };
}

/**
 * Recomputes every fact of every branch from the branch databases (the supervision database is derived
 * data). Uses the same derivation as the consumer, so the figures come out identical.
 */
export async function rebuildFacts(dbs: Databases, now: number): Promise<{ requests: number }> {
  let count = 0;
  for (const branch of await dbs.branches()) count += await rebuildBranchFacts(dbs, branch, now);
  return { requests: count };
}

/** One branch's facts from its database (a restored branch gets its head-office history back). */
export async function rebuildBranchFacts(dbs: Databases, branch: BranchRow, now: number): Promise<number> {
  let count = 0;
  const ids = await dbs.branchDb(branch).select({ id: requests.id }).from(requests);
  for (const { id } of ids) {
    const facts = await factsOf(dbs, branch, id, (ms) => sentNoticeKeysOf(dbs.supervision, ms), now);
    if (!facts) continue;
    await writeFacts(dbs.supervision, [], [facts], now);
    count += 1;
  }
  return count;
}

/** A repeat complaint: the same unit complained within the 90 days before. Only the yes/no leaves the branch. */
async function earlierComplaintFromUnit(
  db: ReturnType<Databases["branchDb"]>,
  r: { id: string; unitId: string | null; createdAt: number },
): Promise<boolean> {
  const [row] = await db
    .select({ id: requests.id })
    .from(requests)
    .where(
      and(
        eq(requests.kind, "complaint"),
        eq(requests.unitId, r.unitId!),
        ne(requests.id, r.id),
        gte(requests.createdAt, r.createdAt - REPEAT_COMPLAINT_WINDOW_MS),
        lte(requests.createdAt, r.createdAt),
      ),
    )
    .limit(1);
  return !!row;
}
