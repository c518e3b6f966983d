import { createRoute, z } from "@hono/zod-openapi";
import {
  allowedActions,
  BadInput,
  canTake,
  CaseInputSchema,
  Conflict,
  Forbidden,
  HandOverDecisionSchema,
  HandOverInputSchema,
  newId,
  NotFound,
  type RequestKind,
  RESIDENT_STEPS,
  StaleVersion,
  STEP_NAMES,
  type StepName,
} from "@wuye/core";
import {
  changeRequest,
  colleaguesOf,
  findRequest,
  insertCase,
  listCases,
  openItemsOf,
  openWorkOrders,
  pendingTransfer,
  takeRequest,
  findStaffById,
  technicianLoads,
  transfersTo,
  writeTransfer,
} from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";
import { optionalJsonBody } from "../http/request.ts";
import { eventRow, publishAfter } from "../outbox.ts";
import { byTrackingCode } from "../public/routes.ts";
import { residentView } from "./resident-view.ts";
import { recordOf, runStep } from "./run-step.ts";

const Params = z.object({ id: z.string().min(3).max(64) });
const StepBody = z
  .record(z.string(), z.unknown())
  .openapi({ description: "The step's input; each step's fields are validated by its schema in @wuye/core (workflow/*-steps.ts)" });
export const StepResult = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  allowedActions: z.array(z.string()),
  record: z.record(z.string(), z.unknown()),
});
const iso = (n: number | null) => (n === null ? null : new Date(n).toISOString());

const stepResponses = {
  200: { description: "The request after the step (ETag: its new version)", content: { "application/json": { schema: StepResult } } },
  ...errorResponses,
  409: { description: "Not allowed in the request's current state", content: problemContent },
  412: { description: "Stale version (If-Match)", content: problemContent },
  422: { description: "Resident-facing text blocked by the language guard", content: problemContent },
};

/**
 * Registers one OpenAPI operation per step name (each with its own summary in the document). Typed as what the
 * loop builds: `register`'s result for a name of `N` is the router carrying the route of every name of `N`, so
 * `hono/client` sees `…/actions/dispatch`, `…/actions/review`… and nothing else.
 */
function eachStep<N extends string, R>(names: readonly N[], register: (name: N) => R): R {
  let router: R | undefined;
  for (const name of names) router = register(name);
  if (router === undefined) throw new Error("no workflow steps");
  return router;
}

function stepRoute<S extends StepName>(step: S) {
  return createRoute({
    method: "post",
    path: `/requests/{id}/actions/${step}`,
    tags: ["workflow"],
    summary: `Workflow step "${step}"`,
    security: [{ bearer: [] }],
    request: {
      params: Params,
      headers: z.object({ "if-match": z.string().optional() }),
      body: { content: { "application/json": { schema: StepBody } }, required: false },
    },
    responses: stepResponses,
  });
}

async function consoleStep(c: Context<HonoEnv>, step: string) {
  const actor = c.var.actor;
  const { db, branch } = c.var.tenant;
  const request = await findRequest(db, { id: c.req.param("id")! });
  if (!request) throw new NotFound("request");
  const body = await optionalJsonBody(c);
  const out = await runStep(c, { branch, db, request }, step, body, { role: actor.role }, ifMatchVersion(c));
  c.header("etag", etagOf(out.request.version));
  return c.json(
    { id: out.request.id, status: out.request.status, version: out.request.version, allowedActions: out.allowed, record: out.record },
    200,
  );
}

const consoleRouter = createRouter();
const consoleStepRoutes = eachStep(STEP_NAMES, (step) => consoleRouter.openapi(stepRoute(step), (c) => consoleStep(c, step)));

const HandOverBody = HandOverInputSchema;
const DecideBody = HandOverDecisionSchema;
const CaseBody = CaseInputSchema;
/** A hand-over waiting for the receiver's answer. */
const PendingHandOverView = z.object({
  id: z.string(),
  requestId: z.string(),
  fromId: z.string(),
  toId: z.string(),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: z.number(),
});
const CaseView = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  source: z.string().openapi({ description: "complaint | follow-up | manual" }),
  kind: z.string().nullable(),
  problem: z.string(),
  lesson: z.string(),
  department: z.string(),
  photos: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
});
const OpenItemsView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      kind: z.string(),
      status: z.string(),
      urgency: z.string(),
      createdAt: z.string(),
    }),
  ),
  offered: z.array(
    z.object({
      id: z.string(),
      requestId: z.string(),
      fromId: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
      trackingCode: z.string(),
      kind: z.string(),
    }),
  ),
});
const ColleaguesView = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) });

/** Ownership, hand-over, the dispatch board, the case library and the price list. */
export const consoleWorkflowRoutes = consoleStepRoutes
  .openapi(
    createRoute({
      method: "get",
      path: "/requests/{id}/workflow",
      tags: ["workflow"],
      summary: "The request's workflow: state, the steps this user may take now, its record (work order / case file)",
      security: [{ bearer: [] }],
      request: { params: Params },
      responses: {
        200: {
          description: "Workflow",
          content: { "application/json": { schema: StepResult.extend({ pendingHandOver: PendingHandOverView.nullable() }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.read");
      const { db } = c.var.tenant;
      const r = await findRequest(db, { id: c.req.valid("param").id });
      if (!r) throw new NotFound("request");
      const record = await recordOf(db, r);
      c.header("etag", etagOf(r.version));
      return c.json(
        {
          id: r.id,
          status: r.status,
          version: r.version,
          allowedActions: allowedActions(r.kind as RequestKind, r.status, { role: c.var.actor.role }, record, {
            staffId: c.var.actor.staffId,
            assigneeId: r.assigneeId,
          }),
          record,
          pendingHandOver: await pendingTransfer(db, r.id),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/handover",
      tags: ["workflow"],
      summary: "Offer the request to a colleague; the owner stays until they accept (首问负责制)",
      security: [{ bearer: [] }],
      request: {
        params: Params,
        headers: z.object({ "if-match": z.string().optional() }),
        body: { content: { "application/json": { schema: HandOverBody } }, required: true },
      },
      responses: {
        201: { description: "Offered", content: { "application/json": { schema: z.object({ id: z.string(), version: z.number() }) } } },
        ...errorResponses,
        409: { description: "Already offered, or not the owner", content: problemContent },
      },
    }),
    async (c) => {
      const actor = c.var.actor;
      requirePermission(actor, "request.handOver");
      const { db, branch } = c.var.tenant;
      const { toStaffId, note } = c.req.valid("json");
      const r = await findRequest(db, { id: c.req.valid("param").id });
      if (!r) throw new NotFound("request");
      if (r.ownerId !== actor.staffId && actor.role !== "branchManager" && actor.role !== "serviceSupervisor")
        throw new Forbidden("only the owner (or a supervisor) hands a request over");
      if (toStaffId === r.ownerId)
        throw new BadInput("already the owner", [{ path: "toStaffId", message: "this person already owns the request" }]);
      const [receiver, giver] = await Promise.all([
        findStaffById(c.var.services.control, toStaffId),
        findStaffById(c.var.services.control, actor.staffId),
      ]);
      if (!receiver || receiver.branchId !== branch.id || !receiver.active)
        throw new BadInput("unknown colleague", [{ path: "toStaffId", message: "not an active staff member of this branch" }]);
      if (await pendingTransfer(db, r.id)) throw new Conflict("a hand-over is already waiting for an answer");
      const id = newId("hov");
      const version = await ownershipChange(
        c,
        r,
        "handover.offered",
        { toStaffId, note: note ?? null },
        (tx) =>
          writeTransfer(tx, {
            insert: {
              id,
              requestId: r.id,
              fromId: r.ownerId ?? actor.staffId,
              toId: toStaffId,
              note: note ?? null,
              status: "pending",
              createdAt: c.var.services.now(),
            },
          }),
        [
          {
            type: "request.handover",
            recipients: [`staff:${toStaffId}`],
            params: { trackingCode: r.trackingCode, from: giver?.name ?? actor.staffId },
          },
        ],
      );
      return c.json({ id, version }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/take",
      tags: ["workflow"],
      summary: "Take a request the duty holds (首问负责制): the taker owns it until it closes or is handed over",
      security: [{ bearer: [] }],
      request: { params: Params, headers: z.object({ "if-match": z.string().optional() }) },
      responses: {
        200: {
          description: "Taken (or already yours)",
          content: { "application/json": { schema: z.object({ ownerId: z.string(), version: z.number() }) } },
        },
        ...errorResponses,
        409: { description: "Someone took it already: ask them for a hand-over", content: problemContent },
        412: { description: "Stale version (If-Match)", content: problemContent },
      },
    }),
    async (c) => {
      const actor = c.var.actor;
      requirePermission(actor, "request.take");
      const r = await findRequest(c.var.tenant.db, { id: c.req.valid("param").id });
      if (!r) throw new NotFound("request");
      const take = canTake(r, actor.staffId);
      if (!take.take && take.reason === "already-owner") return c.json({ ownerId: actor.staffId, version: r.version }, 200);
      if (!take.take) throw new Conflict("someone took this request already; ask them to hand it over");
      const version = await ownershipChange(c, r, "request.taken", { from: r.ownerId }, async (tx) => {
        if (!(await takeRequest(tx, r.id, actor.staffId))) throw new Conflict("someone took this request a moment ago");
      });
      return c.json({ ownerId: actor.staffId, version }, 200);
    },
  )
  .openapi(decideRoute("accept"), (c) => decide(c, "accepted"))
  .openapi(decideRoute("decline"), (c) => decide(c, "declined"))
  .openapi(
    createRoute({
      method: "get",
      path: "/me/open-items",
      tags: ["workflow"],
      summary: "My open requests and the hand-overs offered to me (for the shift)",
      security: [{ bearer: [] }],
      responses: { 200: { description: "Open items", content: { "application/json": { schema: OpenItemsView } } }, ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.read");
      const { db } = c.var.tenant;
      const items = (await openItemsOf(db, c.var.actor.staffId)).map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
      const offered = (await transfersTo(db, c.var.actor.staffId)).map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString() }));
      return c.json({ items, offered }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/colleagues",
      tags: ["workflow"],
      summary: "The branch's active staff by name and role, to pick whom to hand a request over to",
      security: [{ bearer: [] }],
      responses: { 200: { description: "Colleagues", content: { "application/json": { schema: ColleaguesView } } }, ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.handOver");
      return c.json({ items: await colleaguesOf(c.var.services.control, c.var.tenant.branch.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dispatch-board",
      tags: ["workflow"],
      summary: "Technicians × open work orders, and the orders waiting for dispatch",
      security: [{ bearer: [] }],
      responses: {
        200: {
          description: "Board",
          content: { "application/json": { schema: z.object({ technicians: z.array(z.unknown()), unassigned: z.array(z.unknown()) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "workOrder.dispatch");
      const { db, branch } = c.var.tenant;
      const [techs, orders] = await Promise.all([technicianLoads(c.var.services.control, db, branch.id), openWorkOrders(db)]);
      const view = (o: (typeof orders)[number]) => ({ ...o, createdAt: iso(o.createdAt) });
      return c.json(
        {
          technicians: techs.map((t) => ({ ...t, orders: orders.filter((o) => o.assigneeId === t.id).map(view) })),
          unassigned: orders.filter((o) => !o.assigneeId).map(view),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cases",
      tags: ["workflow"],
      summary: "The case library (案例库): problem, photos, lesson, responsible department",
      security: [{ bearer: [] }],
      request: {
        query: z.object({ department: z.string().max(60).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: {
        200: { description: "Cases, newest first", content: { "application/json": { schema: z.object({ items: z.array(CaseView) }) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.read");
      const q = c.req.valid("query");
      const items = (await listCases(c.var.tenant.db, { department: q.department, limit: q.limit })).map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt).toISOString(),
      }));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/cases",
      tags: ["workflow"],
      summary: "Add a case to the library by hand",
      security: [{ bearer: [] }],
      request: { body: { content: { "application/json": { schema: CaseBody } }, required: true } },
      responses: {
        201: { description: "Added", content: { "application/json": { schema: z.object({ id: z.string() }) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "case.manage");
      const b = c.req.valid("json");
      const id = newId("case");
      await insertCase(c.var.tenant.db, {
        id,
        requestId: b.requestId ?? null,
        source: "manual",
        problem: b.problem,
        lesson: b.lesson,
        department: b.department,
        photos: b.photos ?? [],
        createdBy: c.var.actor.staffId,
        createdAt: c.var.services.now(),
      });
      return c.json({ id }, 201);
    },
  );

function decideRoute<W extends "accept" | "decline">(what: W) {
  return createRoute({
    method: "post",
    path: `/requests/{id}/handover/${what}`,
    tags: ["workflow"],
    summary: what === "accept" ? "Accept a hand-over: you own the request from now on" : "Decline a hand-over (the owner keeps it)",
    security: [{ bearer: [] }],
    request: { params: Params, body: { content: { "application/json": { schema: DecideBody } }, required: false } },
    responses: {
      200: {
        description: "Decided",
        content: { "application/json": { schema: z.object({ ownerId: z.string().nullable(), version: z.number() }) } },
      },
      ...errorResponses,
      409: { description: "Nothing to decide", content: problemContent },
    },
  });
}

async function decide(c: Context<HonoEnv>, status: "accepted" | "declined") {
  const actor = c.var.actor;
  requirePermission(actor, "request.handOver");
  const { db } = c.var.tenant;
  const r = await findRequest(db, { id: c.req.param("id")! });
  if (!r) throw new NotFound("request");
  const t = await pendingTransfer(db, r.id);
  if (!t) throw new Conflict("no hand-over is waiting for an answer");
  if (t.toId !== actor.staffId) throw new Forbidden("only the receiver answers a hand-over");
  const parsed = DecideBody.safeParse(await optionalJsonBody(c));
  if (!parsed.success)
    throw new BadInput(
      "invalid input",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })),
    );
  const body = parsed.data;
  const now = c.var.services.now();
  const version = await ownershipChange(
    c,
    r,
    `handover.${status}`,
    { transferId: t.id, from: t.fromId, to: t.toId, reason: body.reason ?? null },
    (tx) =>
      writeTransfer(tx, {
        decide: {
          id: t.id,
          status,
          at: now,
          reason: body.reason ?? null,
          requestId: r.id,
          ...(status === "accepted" ? { newOwnerId: actor.staffId } : {}),
        },
      }),
  );
  return c.json({ ownerId: status === "accepted" ? actor.staffId : r.ownerId, version }, 200);
}

async function ownershipChange(
  c: Context<HonoEnv>,
  r: { id: string; version: number },
  type: string,
  data: Record<string, unknown>,
  apply: Parameters<typeof changeRequest>[2],
  notices: Array<{ type: string; recipients: string[]; params: Record<string, string> }> = [],
) {
  const s = c.var.services;
  const { db, branch } = c.var.tenant;
  const now = s.now();
  const eventId = newId("evt", now);
  const rows = [
    eventRow(branch, eventId, type, { requestId: r.id }, now),
    ...notices.map((n, i) => ({
      id: `ntf_${eventId}_${i}`,
      topic: "notifications",
      payload: { notificationId: `ntf_${eventId}_${i}`, ...n, branchId: branch.id, orgId: branch.orgId, requestId: r.id },
      createdAt: now,
    })),
  ];
  const expected = ifMatchVersion(c) ?? r.version;
  const result = await changeRequest(
    db,
    {
      requestId: r.id,
      expectedVersion: expected,
      now,
      event: {
        id: eventId,
        requestId: r.id,
        type,
        actorId: c.var.actor.staffId,
        actorRole: c.var.actor.role,
        publicNote: null,
        data,
        at: now,
      },
      outbox: rows,
    },
    apply,
  );
  if (!result.ok) throw new StaleVersion(expected, result.currentVersion);
  publishAfter(c, db, rows);
  c.header("etag", etagOf(result.version));
  return result.version;
}

const PublicParams = z.object({ trackingCode: z.string().min(1).max(64) });

/** The resident's own steps in the portal; the tracking code is their proof (as for the rating). */
const publicRouter = createRouter();
export const publicWorkflowRoutes = eachStep(RESIDENT_STEPS, (step) =>
  publicRouter.openapi(
    createRoute({
      method: "post",
      path: `/requests/{trackingCode}/actions/${step}`,
      tags: ["public"],
      summary: `Resident step "${step}"`,
      request: { params: PublicParams, body: { content: { "application/json": { schema: StepBody } }, required: false } },
      responses: stepResponses,
    }),
    async (c) => {
      const at = await byTrackingCode(c.var.services, c.req.valid("param").trackingCode);
      const body = await optionalJsonBody(c);
      const out = await runStep(c, at, step, body, "resident", null);
      return c.json(
        {
          id: out.request.trackingCode,
          status: out.request.status,
          version: out.request.version,
          allowedActions: out.allowed,
          record: residentView(at.request.kind, out.record),
        },
        200,
      );
    },
  ),
);
