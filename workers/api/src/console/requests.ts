import { createRoute, z } from "@hono/zod-openapi";
import { CHANNELS, maskPhone, newId, NotFound, REQUEST_KINDS, StaffCreateRequestInputSchema } from "@wuye/core";
import { findRequest, listRequests, milestonesOf, requestTimeline, writeAudit } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp, idempotencyKeyOf, readJsonBody } from "../http/request.ts";
import { createRequest } from "../intake/create-request.ts";
import { requirePermission } from "../middleware/auth.ts";
import { etagOf } from "../http/version.ts";
import { CreatedRequestSchema } from "../public/schemas.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const IdParam = z.object({ id: z.string().min(3).max(64) });

const RegisterQuery = z.strictObject({
  kind: z.enum(REQUEST_KINDS).optional(),
  status: z.string().max(30).optional(),
  channel: z.enum(CHANNELS).optional(),
  owner: z.string().max(64).optional().openapi({ description: "a staff id, or `me`" }),
  overdue: z.enum(["true", "false"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const MilestoneView = z.object({
  id: z.string(),
  name: z.string(),
  dueAt: z.string().nullable(),
  status: z.string(),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});
const RegisterItem = z.object({
  id: z.string(),
  trackingCode: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  urgency: z.string(),
  status: z.string(),
  channel: z.string(),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string().openapi({ description: "masked: 138****1234" }),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
  nextDueAt: z.string().nullable(),
  milestones: z.array(MilestoneView),
});
const RegisterPage = z.object({ items: z.array(RegisterItem), nextCursor: z.string().nullable() });

const RequestDetail = RegisterItem.extend({
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  unitId: z.string().nullable(),
  communityId: z.string().nullable(),
  area: z.string().nullable(),
  appointment: z.object({ from: z.string(), to: z.string() }).nullable(),
  keyLeft: z.boolean().nullable(),
  urgencyReason: z.string().nullable(),
  /** Held by the staff member on duty until someone takes it (POST …/take). */
  ownerByDuty: z.boolean(),
  satisfaction: z.number().nullable(),
  ratingComment: z.string().nullable(),
  version: z.number(),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorRole: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

const encodeCursor = (r: { createdAt: number; id: string }) => btoa(JSON.stringify([r.createdAt, r.id]));
function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(atob(cursor)) as [number, string];
    if (typeof createdAt === "number" && typeof id === "string") return { createdAt, id };
  } catch {}
  return undefined;
}

function milestoneView(m: {
  id: string;
  name: string;
  dueAt: number | null;
  status: string;
  metAt: number | null;
  breachedAt: number | null;
}) {
  return { id: m.id, name: m.name, dueAt: iso(m.dueAt), status: m.status, metAt: iso(m.metAt), breachedAt: iso(m.breachedAt) };
}

export const consoleRequestRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/requests",
      tags: ["console"],
      summary: "Record a request taken by phone, walk-in, letter or found by staff; the taker owns it",
      security: [{ bearer: [] }],
      request: {
        headers: z.object({ "idempotency-key": z.string().min(8).max(128).optional() }),
        body: { content: { "application/json": { schema: StaffCreateRequestInputSchema } }, required: true },
      },
      responses: {
        201: { description: "Created", content: { "application/json": { schema: CreatedRequestSchema } } },
        ...errorResponses,
        422: { description: "Idempotency-Key reused with another body", content: problemContent },
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.create");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const result = await createRequest({
        s: c.var.services,
        branch,
        db,
        input,
        channel: input.channel,
        actor: c.var.actor,
        idempotencyKey: idempotencyKeyOf(c),
        rawBody: await readJsonBody(c),
        clientIp: clientIp(c),
        waitUntil: (p) => c.executionCtx.waitUntil(p),
      });
      return c.json(result.body, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/requests",
      tags: ["console"],
      summary: "The service information register (顾客服务信息登记表) with filters and cursor pagination",
      security: [{ bearer: [] }],
      request: { query: RegisterQuery },
      responses: { 200: { description: "A page", content: { "application/json": { schema: RegisterPage } } }, ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.read");
      const q = c.req.valid("query");
      const { db } = c.var.tenant;
      const rows = await listRequests(db, {
        kind: q.kind,
        status: q.status,
        channel: q.channel,
        ownerId: q.owner === "me" ? c.var.actor.staffId : q.owner,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        q: q.q,
        overdueAt: q.overdue === "true" ? c.var.services.now() : undefined,
        cursor: decodeCursor(q.cursor),
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const ms = await milestonesOf(
        db,
        page.map((r) => r.id),
      );
      const items = page.map((r) => {
        const own = ms.filter((m) => m.requestId === r.id);
        const open = own.filter((m) => m.status === "open" && m.dueAt !== null).map((m) => m.dueAt!);
        return {
          id: r.id,
          trackingCode: r.trackingCode,
          kind: r.kind,
          category: r.category,
          urgency: r.urgency,
          status: r.status,
          channel: r.channel,
          description: r.description,
          contactName: r.contactName,
          contactPhone: maskPhone(r.contactPhone),
          ownerId: r.ownerId,
          createdAt: iso(r.createdAt)!,
          nextDueAt: open.length ? iso(Math.min(...open)) : null,
          milestones: own.map(milestoneView),
        };
      });
      const last = page.at(-1);
      return c.json({ items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/requests/{id}",
      tags: ["console"],
      summary: "One request with its full record and timeline (the read is audited)",
      security: [{ bearer: [] }],
      request: { params: IdParam },
      responses: { 200: { description: "The request", content: { "application/json": { schema: RequestDetail } } }, ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.read");
      const { db } = c.var.tenant;
      const r = await findRequest(db, { id: c.req.valid("param").id });
      if (!r) throw new NotFound("request");
      const actor = c.var.actor;
      await writeAudit(db, {
        id: newId("aud"),
        actorId: actor.staffId,
        actorRole: actor.role,
        action: "request.readResident",
        subjectType: "request",
        subjectId: r.id,
        detail: { residentId: r.residentId },
        at: c.var.services.now(),
      });
      const { events, milestones } = await requestTimeline(db, r.id);
      c.header("etag", etagOf(r.version));
      const open = milestones.filter((m) => m.status === "open" && m.dueAt !== null).map((m) => m.dueAt!);
      return c.json(
        {
          id: r.id,
          trackingCode: r.trackingCode,
          kind: r.kind,
          category: r.category,
          urgency: r.urgency,
          urgencyReason: r.urgencyReason,
          status: r.status,
          channel: r.channel,
          description: r.description,
          contactName: r.contactName,
          contactPhone: r.contactPhone,
          contactEmail: r.contactEmail,
          unitId: r.unitId,
          communityId: r.communityId,
          area: r.area,
          appointment: r.appointmentFrom && r.appointmentTo ? { from: iso(r.appointmentFrom)!, to: iso(r.appointmentTo)! } : null,
          keyLeft: r.keyLeft,
          ownerId: r.ownerId,
          ownerByDuty: r.ownerByDuty,
          satisfaction: r.satisfaction,
          ratingComment: r.ratingComment,
          createdAt: iso(r.createdAt)!,
          nextDueAt: open.length ? iso(Math.min(...open)) : null,
          version: r.version,
          milestones: milestones.map(milestoneView),
          events: events.map((e) => ({ id: e.id, type: e.type, at: iso(e.at)!, actorId: e.actorId, actorRole: e.actorRole, data: e.data })),
        },
        200,
      );
    },
  );
