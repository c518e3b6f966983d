import { createRoute, z } from "@hono/zod-openapi";
import {
  CalendarSchema,
  InvalidTransition,
  type Calendar,
  newId,
  nextMilestoneStatus,
  NotFound,
  type MilestoneAction,
  type MilestoneStatus,
  PauseReasonSchema,
  type Pause,
  type PauseReason,
  reschedule,
  StaleVersion,
} from "@wuye/core";
import { applyMilestoneChange, findMilestone, findRequest, type MilestoneUpdate, milestonePausesOf } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";
import { eventRow, publishAfter } from "../outbox.ts";

const Params = z.object({ id: z.string().min(3).max(64), milestoneId: z.string().min(3).max(64) });
const PauseBody = z.strictObject({ reason: PauseReasonSchema, note: z.string().max(500).optional() });
const BreachReasonBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
const Empty = z.strictObject({});
const MilestoneResult = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  dueAt: z.string().nullable(),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  breachReason: z.string().nullable(),
  version: z.number(),
});
const iso = (n: number | null) => (n === null ? null : new Date(n).toISOString());

type Action = MilestoneAction | "breach-reason";

/** Loads, checks the state machine and the version, writes the change with its event, publishes. */
async function act(c: Context<HonoEnv>, action: Action, body: { reason?: string; note?: string | undefined }) {
  requirePermission(c.var.actor, action === "breach-reason" ? "milestone.recordBreachReason" : "milestone.manage");
  const { id, milestoneId } = c.req.param() as { id: string; milestoneId: string };
  const { db, branch } = c.var.tenant;
  const request = await findRequest(db, { id });
  if (!request) throw new NotFound("request");
  const m = await findMilestone(db, id, milestoneId);
  if (!m) throw new NotFound("milestone");
  const expected = ifMatchVersion(c);
  if (expected !== null && expected !== request.version) throw new StaleVersion(expected, request.version);
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
    if (m.breachedAt === null && (m.dueAt === null || m.dueAt > now)) throw new InvalidTransition("not-breached", "breach-reason");
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
  const outbox = eventRow(branch, eventId, type, { requestId: id }, now);
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
  if (!result.ok) throw new StaleVersion(request.version, result.currentVersion);
  publishAfter(c, db, [outbox]);
  const after = (await findMilestone(db, id, m.id))!;
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

const route = <P extends string, B extends z.ZodType>(path: P, summary: string, body: B) =>
  createRoute({
    method: "post",
    path: `/requests/{id}/milestones/{milestoneId}/${path}`,
    tags: ["console"],
    summary,
    security: [{ bearer: [] }],
    request: {
      params: Params,
      headers: z.object({ "if-match": z.string().optional() }),
      body: { content: { "application/json": { schema: body } }, required: true },
    },
    responses: {
      200: {
        description: "The milestone after the action (ETag: the request's new version)",
        content: { "application/json": { schema: MilestoneResult } },
      },
      ...errorResponses,
      409: { description: "Not allowed in the milestone's state", content: problemContent },
      412: { description: "Stale version (If-Match)", content: problemContent },
    },
  });

export const consoleMilestoneRoutes = createRouter()
  .openapi(route("pause", "Pause the clock while the request waits on the resident (reason on record)", PauseBody), async (c) =>
    act(c, "pause", c.req.valid("json")),
  )
  .openapi(route("resume", "Resume a paused clock; the due time moves by the paused working time", Empty), async (c) =>
    act(c, "resume", {}),
  )
  .openapi(route("met", "Record the milestone as met, by whom and when", Empty), async (c) => act(c, "meet", {}))
  .openapi(route("breach-reason", "Record the reason for a breach", BreachReasonBody), async (c) =>
    act(c, "breach-reason", c.req.valid("json")),
  );
