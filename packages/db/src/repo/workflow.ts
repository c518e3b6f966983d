import { BadInput, CLOSED_STATUSES } from "@wuye/core";
import { and, desc, eq, gte, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { staff } from "../schema/control.ts";
import { caseLibrary, milestonePauses, milestones, type outbox, requestRecords, requests } from "../schema/branch.ts";
import { attachStatement } from "./attachment.ts";
import { changeRequest } from "./milestone.ts";

type Tx = Parameters<Parameters<BranchDb["transaction"]>[0]>[0];
export type RequestRecordRow = typeof requestRecords.$inferSelect;

export async function findRequestRecord(db: BranchDb, requestId: string): Promise<RequestRecordRow | null> {
  const [row] = await db.select().from(requestRecords).where(eq(requestRecords.requestId, requestId));
  return row ?? null;
}

export interface StepWrite {
  requestId: string;
  expectedVersion: number | null;
  now: number;
  actorId: string | null;
  request: {
    status: string;
    closedAt?: number;
    assigneeId?: string | null;
    /** The visit agreed at dispatch (appointment, key left). */
    visit?: { appointmentFrom?: number; appointmentTo?: number; keyLeft?: boolean };
    ownerId?: string;
    reopened?: boolean;
    rating?: { score: number; comment: string | null };
  };
  record: Omit<typeof requestRecords.$inferInsert, "requestId" | "updatedAt">;
  meets: string[];
  /** Cancel every milestone still running (the request closed). */
  cancelOpen: boolean;
  milestones: Array<typeof milestones.$inferInsert>;
  caseEntry?: typeof caseLibrary.$inferInsert;
  /** Uploads the step takes (before / after photos, the drawn signature): linked only if still unattached. */
  attachments?: Array<{ id: string; purpose: string }>;
  /** The step's name, kept on each attachment it takes. */
  step?: string;
  event: Parameters<typeof changeRequest>[1]["event"];
  outbox: Array<typeof outbox.$inferInsert>;
}

/**
 * One workflow step in one transaction: version check, request state, record, milestones, case, event, outbox.
 * `applied` is the request as written.
 */
export async function applyStep(db: BranchDb, w: StepWrite) {
  return changeRequest(
    db,
    { requestId: w.requestId, expectedVersion: w.expectedVersion, now: w.now, event: w.event, outbox: w.outbox },
    async (tx) => {
      const [request] = await tx
        .update(requests)
        .set({
          status: w.request.status,
          ...(w.request.closedAt !== undefined ? { closedAt: w.request.closedAt } : {}),
          ...(w.request.assigneeId !== undefined ? { assigneeId: w.request.assigneeId } : {}),
          ...(w.request.visit ?? {}),
          ...(w.request.ownerId !== undefined ? { ownerId: w.request.ownerId, ownerByDuty: false } : {}),
          ...(w.request.rating ? { satisfaction: w.request.rating.score, ratingComment: w.request.rating.comment, ratedAt: w.now } : {}),
          ...(w.request.reopened ? { reopenCount: sql`${requests.reopenCount} + 1`, closedAt: null } : {}),
        })
        .where(eq(requests.id, w.requestId))
        .returning();
      const record = { ...w.record, requestId: w.requestId, updatedAt: w.now };
      await tx
        .insert(requestRecords)
        .values(record)
        .onConflictDoUpdate({
          target: requestRecords.requestId,
          set: {
            data: record.data,
            itemCode: record.itemCode ?? null,
            unitId: record.unitId ?? null,
            completedAt: record.completedAt ?? null,
            updatedAt: w.now,
          },
        });
      if (w.meets.length) await settle(tx, w.requestId, w.meets, { status: "met", metAt: w.now, metBy: w.actorId }, w.now);
      if (w.cancelOpen) await settle(tx, w.requestId, null, { status: "cancelled" }, w.now);
      if (w.milestones.length) await tx.insert(milestones).values(w.milestones);
      if (w.caseEntry) await tx.insert(caseLibrary).values(w.caseEntry);
      for (const purpose of new Set((w.attachments ?? []).map((a) => a.purpose))) {
        const ids = w.attachments!.filter((a) => a.purpose === purpose).map((a) => a.id);
        const linked = await attachStatement(tx, { ids, requestId: w.requestId, step: w.step ?? null, purpose });
        // Another request or step took one meanwhile: the whole step is undone.
        if (linked.rowsAffected !== ids.length)
          throw new BadInput("a photo was taken by another request meanwhile", [{ path: "photos", message: "upload it again" }]);
      }
      if (!request) throw new Error(`request ${w.requestId} vanished`);
      return request;
    },
  );
}

/** Meets the request's running milestones of these names (a reply meets "reply" / "response"). */
export async function meetMilestones(tx: Tx, requestId: string, names: string[], by: string, now: number) {
  await settle(tx, requestId, names, { status: "met", metAt: now, metBy: by }, now);
}

/** Meets (or cancels) the request's running milestones of the given names (all when null), closing their pauses. */
async function settle(
  tx: Tx,
  requestId: string,
  names: string[] | null,
  set: { status: string; metAt?: number; metBy?: string | null },
  now: number,
) {
  const where = and(
    eq(milestones.requestId, requestId),
    inArray(milestones.status, ["open", "paused"]),
    names ? inArray(milestones.name, names) : undefined,
  );
  const hit = await tx.select({ id: milestones.id }).from(milestones).where(where);
  if (!hit.length) return;
  const ids = hit.map((m) => m.id);
  await tx
    .update(milestones)
    .set({ ...set, updatedAt: now })
    .where(inArray(milestones.id, ids));
  await tx
    .update(milestonePauses)
    .set({ to: now })
    .where(and(inArray(milestonePauses.milestoneId, ids), isNull(milestonePauses.to)));
}

/** The latest completed repair of the same item and unit since `since` (the warranty window). */
export async function warrantyOriginal(db: BranchDb, q: { unitId: string; itemCode: string; since: number; excludeRequestId: string }) {
  const [row] = await db
    .select({ requestId: requestRecords.requestId, completedAt: requestRecords.completedAt, trackingCode: requests.trackingCode })
    .from(requestRecords)
    .innerJoin(requests, eq(requests.id, requestRecords.requestId))
    .where(
      and(
        eq(requestRecords.unitId, q.unitId),
        eq(requestRecords.itemCode, q.itemCode),
        gte(requestRecords.completedAt, q.since),
        sql`${requestRecords.requestId} <> ${q.excludeRequestId}`,
      ),
    )
    .orderBy(desc(requestRecords.completedAt))
    .limit(1);
  return row && row.completedAt !== null
    ? { requestId: row.requestId, trackingCode: row.trackingCode, completedAt: row.completedAt }
    : null;
}

/** Active technicians of a branch with their skills, communities and open orders (dispatch and its board). */
export async function technicianLoads(control: ControlDb, db: BranchDb, branchId: string) {
  const techs = await control
    .select({ id: staff.id, name: staff.name, skills: staff.skills, communities: staff.communities })
    .from(staff)
    .where(and(eq(staff.branchId, branchId), eq(staff.role, "technician"), eq(staff.active, true)));
  const loads = techs.length
    ? await db
        .select({ id: requests.assigneeId, n: sql<number>`count(*)` })
        .from(requests)
        .where(
          and(
            inArray(
              requests.assigneeId,
              techs.map((t) => t.id),
            ),
            notInArray(requests.status, [...CLOSED_STATUSES]),
          ),
        )
        .groupBy(requests.assigneeId)
    : [];
  return techs.map((t) => ({ ...t, openOrders: Number(loads.find((l) => l.id === t.id)?.n ?? 0) }));
}

/** Open repair orders, for the dispatch board (technicians × orders). */
export async function openWorkOrders(db: BranchDb, limit = 500) {
  return (
    db
      .select({
        id: requests.id,
        trackingCode: requests.trackingCode,
        status: requests.status,
        urgency: requests.urgency,
        category: requests.category,
        description: requests.description,
        unitId: requests.unitId,
        area: requests.area,
        communityId: requests.communityId,
        assigneeId: requests.assigneeId,
        appointmentFrom: requests.appointmentFrom,
        createdAt: requests.createdAt,
        version: requests.version,
      })
      .from(requests)
      .where(and(eq(requests.kind, "repair"), notInArray(requests.status, [...CLOSED_STATUSES])))
      // Urgent first (an elevator entrapment never waits under a dripping tap), then the oldest.
      .orderBy(sql`case ${requests.urgency} when 'urgent' then 0 else 1 end`, requests.createdAt)
      .limit(limit)
  );
}
