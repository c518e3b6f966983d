import {
  type Calendar,
  CalendarSchema,
  InvalidTransition,
  type MilestoneAction,
  type MilestoneStatus,
  mayRecordBreachReason,
  newId,
  NotFound,
  nextMilestoneStatus,
  type Pause,
  type PauseReason,
  requestEventRow,
  reschedule,
} from "@wuye/core";
import { applyMilestoneChange, findMilestone, type MilestoneUpdate, milestonePausesOf } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { checkVersion, etagOf, iso, throwIfStale } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";
import { findReadableRequest } from "../requests/readable-request.ts";

export type MilestoneChangeAction = MilestoneAction | "breach-reason";

export interface MilestoneChange {
  /** The request's id and the milestone's. */
  id: string;
  milestoneId: string;
  action: MilestoneChangeAction;
  body: { reason?: string; note?: string | undefined };
  /** The request's version the client saw (If-Match), or null. */
  expected: number | null;
}

/** Loads, checks the state machine and the version, writes the change with its event, publishes. */
export async function changeMilestone(c: Context<HonoEnv>, change: MilestoneChange) {
  const { action, body, id, milestoneId } = change;
  requirePermission(c.var.actor, action === "breach-reason" ? "milestone.recordBreachReason" : "milestone.manage");
  const { db, branch } = c.var.tenant;
  const request = await findReadableRequest(db, c.var.actor, id);
  const m = await findMilestone(db, id, milestoneId);
  if (!m) throw new NotFound("milestone");
  checkVersion(change.expected, request.version);
  const now = c.var.services.now();
  const actor = c.var.actor;
  const pauses: Pause[] = (await milestonePausesOf(db, [m.id])).map((p) => ({ from: p.from, to: p.to, reason: p.reason as PauseReason }));
  const clock = {
    status: m.status as MilestoneStatus,
    startAt: m.startAt,
    durationMs: m.durationMs,
    dueAt: m.dueAt,
    calendar: CalendarSchema.parse(m.calendar) as Calendar,
    schedule: m.schedule,
  };

  let update: MilestoneUpdate;
  let openPause: { id: string; milestoneId: string; from: number; to: null; reason: string; by: string } | undefined;
  let closePauseAt: number | undefined;
  if (action === "breach-reason") {
    if (!mayRecordBreachReason(m, now)) throw new InvalidTransition("not-breached", "breach-reason");
    update = { breachReason: body.reason! };
  } else {
    const status = nextMilestoneStatus(clock.status, action);
    if (action === "pause") {
      openPause = { id: newId("ms", now), milestoneId: m.id, from: now, to: null, reason: body.reason!, by: actor.staffId };
      update = { status, dueAt: null };
    } else if (action === "resume" || (action === "meet" && clock.status === "paused")) {
      closePauseAt = now;
      const closed = pauses.map((p) => (p.to === null ? { ...p, to: now } : p));
      const next = reschedule(clock, closed);
      update =
        action === "meet"
          ? { status, dueAt: next.dueAt, schedule: next.schedule, metAt: now, metBy: actor.staffId }
          : { status, dueAt: next.dueAt, schedule: next.schedule };
    } else if (action === "meet") {
      update = { status, metAt: now, metBy: actor.staffId };
    } else {
      update = { status };
    }
  }

  const eventId = newId("evt", now);
  const type =
    action === "breach-reason"
      ? "milestone.breachReason"
      : `milestone.${action === "meet" ? "met" : action === "pause" ? "paused" : action === "resume" ? "resumed" : "cancelled"}`;
  const outbox = requestEventRow(branch, { eventId, type, requestId: id }, now);
  const result = await applyMilestoneChange(db, {
    requestId: id,
    milestoneId: m.id,
    expectedVersion: request.version,
    update,
    ...(openPause ? { openPause } : {}),
    ...(closePauseAt !== undefined ? { closePauseAt } : {}),
    event: {
      id: eventId,
      requestId: id,
      type,
      actorId: actor.staffId,
      actorRole: actor.role,
      publicNote: action === "pause" ? "paused" : action === "resume" ? "resumed" : null,
      data: {
        milestone: m.name,
        milestoneId: m.id,
        ...(body.reason ? { reason: body.reason } : {}),
        ...(body.note ? { note: body.note } : {}),
      },
      at: now,
    },
    outbox,
    now,
  });
  throwIfStale(result, request.version);
  publishAfter(c, db, [outbox]);
  const after = result.applied;
  c.header("etag", etagOf(result.version));
  return c.json(
    {
      id: after.id,
      name: after.name,
      status: after.status,
      dueAt: iso(after.dueAt),
      metAt: iso(after.metAt),
      breachedAt: iso(after.breachedAt),
      breachReason: after.breachReason,
      version: result.version,
    },
    200,
  );
}
