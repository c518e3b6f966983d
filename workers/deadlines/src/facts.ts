import { type BranchRow, type Databases, findRequest, type MilestoneFactRow, milestonePausesOf, requestTimeline, type RequestFactRow } from "@wuye/db";
import { nextCheckAt } from "@wuye/core";

/**
 * Rebuilds the PII-free facts of one request from the branch database's current state. Deriving from state
 * (not from the event's delta) makes repeats and out-of-order deliveries harmless.
 */
export async function factsOf(dbs: Databases, branch: BranchRow, requestId: string, sent: (milestoneId: string) => Promise<Set<string>>, now: number) {
  const db = dbs.branchDb(branch);
  const request = await findRequest(db, { id: requestId });
  if (!request) return null;
  const { milestones } = await requestTimeline(db, requestId);
  const pauses = await milestonePausesOf(db, milestones.map((m) => m.id));
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
    updatedAt: now,
  };
  const milestoneFacts: MilestoneFactRow[] = [];
  for (const m of milestones) {
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
      pausedMs,
      schedule: m.schedule,
      nextCheckAt: done || paused ? null : nextCheckAt(m.schedule, await sent(m.id)),
      updatedAt: now,
    });
  }
  return { requestFact, milestoneFacts };
}
