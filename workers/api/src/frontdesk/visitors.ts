import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, Conflict, ID_TYPES, maskIdNumber, newId, NotFound, VisitorInputSchema, visitorRegistrationAction } from "@wuye/core";
import { checkOutVisitor, findUnit, findVisitor, insertVisitor, listVisitors, type VisitorRow } from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";
import { clockOf, IdParam, iso, jsonBody, ok } from "./common.ts";

// The slip carries the host's unit, never the host's phone: a visitor asking for a resident does not get it;
// the desk calls the resident and records that it did (hostContacted, contactedBy).
const VisitorView = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  idNumber: z.string().openapi({ description: "masked except the last 4 characters" }),
  hostUnitId: z.string(),
  hostContacted: z.boolean(),
  contactedBy: z.string().nullable(),
  purpose: z.string().nullable(),
  inAt: z.string(),
  outAt: z.string().nullable(),
  registeredBy: z.string(),
  registeredRole: z.string(),
  night: z.boolean(),
  version: z.number(),
});
const ListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  onSite: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const view = (v: VisitorRow) => ({
  id: v.id,
  name: v.name,
  idType: v.idType as (typeof ID_TYPES)[number],
  idNumber: v.idMasked,
  hostUnitId: v.hostUnitId,
  hostContacted: v.hostContacted,
  contactedBy: v.contactedBy,
  purpose: v.purpose,
  inAt: iso(v.inAt)!,
  outAt: iso(v.outAt),
  registeredBy: v.registeredBy,
  registeredRole: v.registeredRole,
  night: v.night,
  version: v.version,
});

export const visitorRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/visitors",
      tags: ["console"],
      summary: "Register a visitor (访客单); between the branch's night-shift hours only the night duty manager may",
      security: [{ bearer: [] }],
      request: { body: jsonBody(VisitorInputSchema) },
      responses: { 201: ok("Registered", VisitorView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "visitor.register");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const s = c.var.services;
      const now = clockOf(c);
      const { settings } = await branchSettings(s, branch.id);
      // The rule applies to the moment of registration, in the branch's zone and with its own setting.
      const needed = visitorRegistrationAction(now, branch.timeZone, settings.nightShift);
      requirePermission(c.var.actor, needed);
      const unit = await findUnit(s.control, input.hostUnitId);
      if (!unit || unit.branchId !== branch.id)
        throw new BadInput("unknown unit", [{ path: "hostUnitId", message: "not a unit of this branch" }]);
      const inAt = input.inAt ?? now;
      if (inAt > now + 5 * 60_000) throw new BadInput("in time is in the future", [{ path: "inAt", message: "cannot be in the future" }]);
      const id = newId("vis", now);
      await insertVisitor(db, {
        id,
        name: input.name,
        idType: input.idType,
        idMasked: maskIdNumber(input.idNumber),
        hostUnitId: unit.id,
        hostContacted: input.hostContacted,
        contactedBy: input.hostContacted ? (input.contactedBy ?? c.var.actor.staffId) : null,
        purpose: input.purpose ?? null,
        inAt,
        registeredBy: c.var.actor.staffId,
        registeredRole: c.var.actor.role,
        night: needed === "visitor.registerAtNight",
        createdAt: now,
        updatedAt: now,
      });
      const v = (await findVisitor(db, id))!;
      c.header("etag", etagOf(v.version));
      return c.json(view(v), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/visitors",
      tags: ["console"],
      summary: "Visitor slips, newest first",
      security: [{ bearer: [] }],
      request: { query: ListQuery },
      responses: { 200: ok("Visitors", z.object({ items: z.array(VisitorView) })), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "visitor.register");
      const q = c.req.valid("query");
      const rows = await listVisitors(c.var.tenant.db, {
        from: q.from ? Date.parse(q.from) : undefined,
        onSite: q.onSite === "true",
        limit: q.limit,
      });
      return c.json({ items: rows.map(view) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/visitors/{id}",
      tags: ["console"],
      summary: "One visitor slip",
      security: [{ bearer: [] }],
      request: { params: IdParam },
      responses: { 200: ok("The slip", VisitorView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "visitor.register");
      const v = await findVisitor(c.var.tenant.db, c.req.valid("param").id);
      if (!v) throw new NotFound("visitor");
      c.header("etag", etagOf(v.version));
      return c.json(view(v), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/visitors/{id}/out",
      tags: ["console"],
      summary: "Record the visitor's time out (once)",
      security: [{ bearer: [] }],
      request: { params: IdParam, body: jsonBody(z.strictObject({})) },
      responses: { 200: ok("The slip", VisitorView), ...errorResponses, 409: { description: "Already out", content: problemContent } },
    }),
    async (c) => {
      requirePermission(c.var.actor, "visitor.register");
      const { db } = c.var.tenant;
      const v = await findVisitor(db, c.req.valid("param").id);
      if (!v) throw new NotFound("visitor");
      if (!(await checkOutVisitor(db, v.id, Math.max(clockOf(c), v.inAt)))) throw new Conflict("the visitor is already out");
      return c.json(view((await findVisitor(db, v.id))!), 200);
    },
  );
