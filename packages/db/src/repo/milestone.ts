import { and, eq, isNull } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { milestonePauses, milestones, outbox, requestEvents, requests } from "../schema/branch.ts";

export type MilestoneUpdate = Partial<
  Pick<typeof milestones.$inferInsert, "status" | "dueAt" | "schedule" | "metAt" | "metBy" | "breachReason">
>;

export interface MilestoneChange {
  requestId: string;
  milestoneId: string;
  /** The version the client saw (If-Match); null skips the check. */
  expectedVersion: number | null;
  update: MilestoneUpdate;
  openPause?: typeof milestonePauses.$inferInsert;
  closePauseAt?: number;
  event: typeof requestEvents.$inferInsert;
  outbox: typeof outbox.$inferInsert;
  now: number;
}

type Tx = Parameters<Parameters<BranchDb["transaction"]>[0]>[0];

/**
 * Any change to a request, in one transaction: the version is bumped only if it is still the one the client
 * saw (else "stale" and nothing is written), then the change itself, its event and its outbox row.
 */
export async function changeRequest<T = void>(
  db: BranchDb,
  c: {
    requestId: string;
    expectedVersion: number | null;
    now: number;
    event: typeof requestEvents.$inferInsert;
    outbox: typeof outbox.$inferInsert | Array<typeof outbox.$inferInsert>;
  },
  apply: (tx: Tx) => Promise<T>,
): Promise<{ ok: true; version: number; applied: T } | { ok: false; currentVersion: number }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ version: requests.version }).from(requests).where(eq(requests.id, c.requestId));
    if (!current) throw new Error(`request ${c.requestId} vanished`);
    if (c.expectedVersion !== null && current.version !== c.expectedVersion) return { ok: false as const, currentVersion: current.version };
    const version = current.version + 1;
    await tx
      .update(requests)
      .set({ version, updatedAt: c.now })
      .where(and(eq(requests.id, c.requestId), eq(requests.version, current.version)));
    const applied = await apply(tx);
    await tx.insert(requestEvents).values(c.event);
    await tx.insert(outbox).values(Array.isArray(c.outbox) ? c.outbox : [c.outbox]);
    return { ok: true as const, version, applied };
  });
}

/**
 * One milestone action: its update, the pause it opens or closes, with the request's version and event.
 * `applied` is the milestone as written.
 */
export async function applyMilestoneChange(db: BranchDb, c: MilestoneChange) {
  return changeRequest(db, c, async (tx) => {
    const [milestone] = await tx
      .update(milestones)
      .set({ ...c.update, updatedAt: c.now })
      .where(eq(milestones.id, c.milestoneId))
      .returning();
    if (c.openPause) await tx.insert(milestonePauses).values(c.openPause);
    if (c.closePauseAt !== undefined) {
      await tx
        .update(milestonePauses)
        .set({ to: c.closePauseAt })
        .where(and(eq(milestonePauses.milestoneId, c.milestoneId), isNull(milestonePauses.to)));
    }
    if (!milestone) throw new Error(`milestone ${c.milestoneId} vanished`);
    return milestone;
  });
}

export async function findMilestone(db: BranchDb, requestId: string, milestoneId: string) {
  const [row] = await db
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.requestId, requestId)));
  return row ?? null;
}
