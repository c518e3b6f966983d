import {
  allowedActions,
  BadInput,
  can,
  canTake,
  initialRecord,
  milestonesFor,
  newId,
  planStep,
  plannedMilestone,
  type RecordOfKind,
  type RequestKind,
  recordOfKind,
  requestEventRow,
  requestNoticeRow,
  StaleVersion,
  type StepContext,
  type Urgency,
  type Who,
  type WorkflowRecord,
  type WorkOrder,
  warrantyLookback,
  withinWarranty,
  workflowOf,
} from "@wuye/core";
import {
  applyStep,
  type BranchDb,
  type BranchRow,
  findAttachments,
  findRequestRecord,
  type RequestRow,
  technicianLoads,
  warrantyOriginal,
} from "@wuye/db";
import type { Context } from "hono";
import { branchSettings } from "../branch-settings.ts";
import type { HonoEnv } from "../hono-env.ts";
import { publishAfter } from "../outbox.ts";

/** A request's workflow record before its first step wrote one. */
export const initialRecordOf = (r: RequestRow): WorkflowRecord =>
  initialRecord({ id: r.id, kind: r.kind as RequestKind, channel: r.channel, createdAt: r.createdAt });

/** The request's workflow record as stored, or the one its kind starts with. */
export async function recordOf(db: BranchDb, r: RequestRow): Promise<WorkflowRecord> {
  return (await findRequestRecord(db, r.id))?.data ?? initialRecordOf(r);
}

/**
 * One workflow step, for the console (staff, maybe recording the resident's answer) and the portal (the
 * resident): load, let core decide, write everything in one transaction, publish.
 */
export async function runStep(
  c: Context<HonoEnv>,
  /** `record`: the request's record when the caller already read it. */
  at: { branch: BranchRow; db: BranchDb; request: RequestRow; record?: WorkflowRecord },
  action: string,
  body: unknown,
  who: Who,
  expectedVersion: number | null,
) {
  const s = c.var.services;
  const { branch, db, request } = at;
  if (expectedVersion !== null && expectedVersion !== request.version) throw new StaleVersion(expectedVersion, request.version);
  const now = s.now();
  const { settings, policy } = await branchSettings(s, branch.id);
  const kind = request.kind as RequestKind;
  const record = at.record ?? (await recordOf(db, request));
  const actor = who === "resident" ? null : { staffId: c.var.actor.staffId, role: c.var.actor.role };
  const ctx: StepContext<RecordOfKind<RequestKind>> = {
    now,
    actor,
    settings,
    request: {
      id: request.id,
      kind,
      category: request.category,
      unitId: request.unitId,
      communityId: request.communityId,
      channel: request.channel,
      ownerId: request.ownerId,
      assigneeId: request.assigneeId,
      trackingCode: request.trackingCode,
    },
    record,
  };
  if (kind === "repair" && action === "dispatch") ctx.technicians = await technicianLoads(s.control, db, branch.id);
  if (kind === "repair" && action === "quote")
    ctx.warranty = await warrantyFor(db, branch, request, recordOfKind("repair", record), settings.workflow.warrantyMonths, now);

  const plan = planStep(kind, action, body, request.status, who, ctx);
  const { effect } = plan;
  await checkUploads(db, effect.attachments ?? []);
  const eventId = newId("evt", now);
  const type = `workflow.${action}`;
  // A step's notices are told apart by their place among the step event's notices.
  const notices = (effect.notices ?? []).map((n, i) =>
    requestNoticeRow(branch, { subjectId: eventId, part: i, requestId: request.id, ...n }, now),
  );
  const outboxRows = [requestEventRow(branch, { eventId, type, requestId: request.id }, now), ...notices];
  const milestones = plan.starts.flatMap((st) =>
    milestonesFor(policy, {
      kind,
      urgency: request.urgency as Urgency,
      category: request.category ?? undefined,
      trigger: st.trigger,
      at: now,
      dueAt: st.dueAt,
    }).map((m) => ({
      ...plannedMilestone(m, now),
      requestId: request.id,
      status: "open",
      sourceEventId: eventId,
      createdAt: now,
      updatedAt: now,
    })),
  );
  // 首问负责制: a portal request held by the duty passes to the first desk staff member who acts on it.
  const takes = actor !== null && can(actor.role, "request.take") && canTake(request, actor.staffId).take;
  const data = effect.record;
  const item = "item" in data ? data.item : undefined;
  const result = await applyStep(db, {
    requestId: request.id,
    expectedVersion: request.version,
    now,
    actorId: actor?.staffId ?? null,
    request: {
      status: plan.state,
      ...(plan.closes ? { closedAt: now } : {}),
      ...(effect.assigneeId !== undefined ? { assigneeId: effect.assigneeId } : {}),
      ...(effect.visit ? { visit: effect.visit } : {}),
      ...(takes ? { ownerId: actor.staffId } : {}),
      ...(effect.reopened ? { reopened: true } : {}),
      ...(effect.rating ? { rating: effect.rating } : {}),
    },
    record: {
      kind,
      data,
      itemCode: item?.code ?? null,
      unitId: request.unitId,
      completedAt: "completedAt" in data ? (data.completedAt ?? null) : null,
    },
    meets: plan.meets,
    cancelOpen: plan.closes,
    milestones,
    ...(effect.attachments?.length ? { attachments: effect.attachments, step: action } : {}),
    ...(effect.caseEntry
      ? {
          caseEntry: {
            id: newId("case", now),
            requestId: request.id,
            kind,
            ...effect.caseEntry,
            createdBy: actor?.staffId ?? "resident",
            createdAt: now,
          },
        }
      : {}),
    event: {
      id: eventId,
      requestId: request.id,
      type,
      actorId: actor?.staffId ?? null,
      actorRole: actor?.role ?? (who === "resident" ? "resident" : null),
      publicNote: effect.publicNote,
      data: {
        ...effect.data,
        from: request.status,
        to: plan.state,
        ...(who !== "resident" && "resident" in workflowOf(kind).machine.steps[action]!.by ? { recordedFor: "resident" } : {}),
        ...(takes ? { took: true } : {}),
      },
      at: now,
    },
    outbox: outboxRows,
  });
  if (!result.ok) throw new StaleVersion(request.version, result.currentVersion);
  publishAfter(c, db, outboxRows);
  const after = result.applied;
  return {
    request: after,
    record: data,
    eventId,
    allowed: allowedActions(kind, after.status, who, data, actor ? { staffId: actor.staffId, assigneeId: after.assigneeId } : undefined),
  };
}

/** The uploads a step takes must be this branch's and not yet taken by any request (the write re-checks). */
async function checkUploads(db: BranchDb, uploads: Array<{ id: string; purpose: string }>) {
  const found = await findAttachments(
    db,
    uploads.map((u) => u.id),
  );
  found.forEach((row, i) => {
    const path = uploads[i]!.purpose === "signature" ? "signatureId" : `photos.${i}`;
    if (!row || row.requestId) throw new BadInput("unknown photo", [{ path, message: "no such uploaded photo, or already attached" }]);
  });
}

/** The earlier repair of the same item and unit whose warranty (calendar months in the branch's zone) covers now. */
async function warrantyFor(db: BranchDb, branch: BranchRow, r: RequestRow, w: WorkOrder, months: number, now: number) {
  if (!r.unitId || !w.item?.standard || months === 0) return null;
  const original = await warrantyOriginal(db, {
    unitId: r.unitId,
    itemCode: w.item.code,
    since: warrantyLookback(now, months, branch.timeZone),
    excludeRequestId: r.id,
  });
  return original && withinWarranty(original.completedAt, now, months, branch.timeZone) ? original : null;
}
