import { createRoute, z } from "@hono/zod-openapi";
import {
  Conflict,
  ContactChangeConfirmSchema,
  ContactChangeInputSchema,
  BadInput,
  maskPhone,
  newId,
  NotFound,
  sha256Hex,
  timingSafeEqual,
  Unauthenticated,
} from "@wuye/core";
import {
  applyContactChange,
  countCodeAttempt,
  findCode,
  findContactChange,
  findResident,
  insertContactChange,
  listResidents,
  residentByPhone,
  writeAudit,
} from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";
import { IdParam, iso, jsonBody, ok } from "./common.ts";

const CODE_TTL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

const ResidentItem = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().openapi({ description: "masked" }),
  unitId: z.string().nullable(),
  verified: z.boolean(),
  createdAt: z.string(),
});
const ResidentDetail = ResidentItem.extend({
  phone: z.string(),
  email: z.string().nullable(),
  locale: z.string(),
  channels: z.array(z.string()),
  verifiedAt: z.string().nullable(),
  updatedAt: z.string(),
});
const ChangeView = z.object({
  id: z.string(),
  method: z.enum(["otp", "id-check"]),
  status: z.enum(["pending", "applied"]),
  newPhone: z.string().nullable(),
  newEmail: z.string().nullable(),
  appliedAt: z.string().nullable(),
});

/** Every look at the archive or at one record is written to the audit log before the data leaves. */
async function audited(c: Context<HonoEnv>, action: string, subjectType: string, subjectId: string, detail: Record<string, unknown> = {}) {
  const now = c.var.services.now();
  await writeAudit(c.var.tenant.db, {
    id: newId("aud", now),
    actorId: c.var.actor.staffId,
    actorRole: c.var.actor.role,
    action,
    subjectType,
    subjectId,
    detail,
    at: now,
  });
}

const changeView = (r: {
  id: string;
  method: string;
  status: string;
  newPhone: string | null;
  newEmail: string | null;
  appliedAt: number | null;
}) => ({
  id: r.id,
  method: r.method as "otp" | "id-check",
  status: r.status as "pending" | "applied",
  newPhone: r.newPhone,
  newEmail: r.newEmail,
  appliedAt: iso(r.appliedAt),
});

export const residentRecordRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/residents",
      tags: ["console"],
      summary: "The resident archive (phones masked); the look is audited",
      security: [{ bearer: [] }],
      request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: ok("Residents", z.object({ items: z.array(ResidentItem) })), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.readResident");
      const rows = await listResidents(c.var.tenant.db, c.req.valid("query").limit);
      await audited(c, "resident.archive.read", "resident-archive", c.var.tenant.branch.id, { count: rows.length });
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            phone: maskPhone(r.phone),
            unitId: r.unitId,
            verified: r.verifiedAt !== null,
            createdAt: iso(r.createdAt)!,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/residents/{id}",
      tags: ["console"],
      summary: "One resident record in full; who read it and when is audited",
      security: [{ bearer: [] }],
      request: { params: IdParam },
      responses: { 200: ok("The record", ResidentDetail), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.readResident");
      const r = await findResident(c.var.tenant.db, c.req.valid("param").id);
      if (!r) throw new NotFound("resident");
      await audited(c, "resident.read", "resident", r.id);
      return c.json(
        {
          id: r.id,
          name: r.name,
          phone: r.phone,
          email: r.email,
          unitId: r.unitId,
          locale: r.locale,
          channels: r.channels,
          verified: r.verifiedAt !== null,
          verifiedAt: iso(r.verifiedAt),
          createdAt: iso(r.createdAt)!,
          updatedAt: iso(r.updatedAt)!,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/residents/{id}/contact-changes",
      tags: ["console"],
      summary:
        "Change a resident's contact details: by a one-time code sent to the old phone (pending until confirmed), or at once after staff checked the ID (reason on record)",
      security: [{ bearer: [] }],
      request: { params: IdParam, body: jsonBody(ContactChangeInputSchema) },
      responses: {
        201: ok("The change (pending or applied)", ChangeView),
        ...errorResponses,
        409: { description: "The new phone belongs to another resident", content: problemContent },
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.readResident");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const s = c.var.services;
      const r = await findResident(db, c.req.valid("param").id);
      if (!r) throw new NotFound("resident");
      if (input.newPhone) {
        const other = await residentByPhone(db, input.newPhone);
        if (other && other.id !== r.id) throw new Conflict("that phone belongs to another resident record");
      }
      const now = s.now();
      const id = newId("ccr", now);
      const base = {
        id,
        residentId: r.id,
        method: input.method,
        newPhone: input.newPhone ?? null,
        newEmail: input.newEmail ?? null,
        oldPhone: r.phone,
        status: "pending",
        requestedBy: c.var.actor.staffId,
        createdAt: now,
      };
      if (input.method === "otp") {
        const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, "0");
        const codeId = newId("otp", now);
        // The code goes to the OLD contact: whoever asks must be the one who holds it now.
        const message = {
          id: newId("obx", now),
          topic: "notifications",
          payload: {
            notificationId: newId("ntf", now),
            type: "resident.otp",
            branchId: branch.id,
            orgId: branch.orgId,
            to: r.phone,
            params: { code },
            recipients: [],
          },
          createdAt: now,
        };
        await insertContactChange(
          db,
          { ...base, codeId },
          {
            code: {
              id: codeId,
              contact: r.phone,
              codeHash: await sha256Hex(`${codeId}:${code}`),
              purpose: "change-contact",
              expiresAt: now + CODE_TTL_MS,
              createdAt: now,
            },
            message,
          },
        );
        await audited(c, "resident.contactChange.requested", "resident", r.id, { changeId: id, method: "otp" });
        publishAfter(c, db, [message]);
        return c.json(changeView({ ...base, appliedAt: null }), 201);
      }
      await insertContactChange(db, { ...base, idType: input.idType, idLast4: input.idLast4.toUpperCase(), reason: input.reason });
      const applied = await applyContactChange(db, {
        changeId: id,
        residentId: r.id,
        codeId: null,
        newPhone: input.newPhone ?? null,
        newEmail: input.newEmail ?? null,
        now,
        audit: {
          id: newId("aud", now),
          actorId: c.var.actor.staffId,
          actorRole: c.var.actor.role,
          action: "resident.contactChanged",
          subjectType: "resident",
          subjectId: r.id,
          detail: { changeId: id, method: "id-check", idType: input.idType, reason: input.reason },
          at: now,
        },
      });
      if (!applied) throw new Conflict("the change was already handled");
      return c.json(changeView((await findContactChange(db, r.id, id))!), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/residents/{id}/contact-changes/{changeId}/confirm",
      tags: ["console"],
      summary: "Apply a pending change with the code the resident received on the old phone",
      security: [{ bearer: [] }],
      request: { params: IdParam.extend({ changeId: z.string().min(3).max(64) }), body: jsonBody(ContactChangeConfirmSchema) },
      responses: { 200: ok("Applied", ChangeView), ...errorResponses, 409: { description: "Already applied", content: problemContent } },
    }),
    async (c) => {
      requirePermission(c.var.actor, "request.readResident");
      const { id, changeId } = c.req.valid("param");
      const { db } = c.var.tenant;
      const now = c.var.services.now();
      const change = await findContactChange(db, id, changeId);
      if (change?.method !== "otp" || !change.codeId) throw new NotFound("contact change");
      if (change.status !== "pending") throw new Conflict("the change was already applied");
      const code = await findCode(db, change.codeId);
      if (!code || code.usedAt !== null || code.expiresAt < now || code.attempts >= MAX_ATTEMPTS)
        throw new Unauthenticated("no valid code; start a new change");
      await countCodeAttempt(db, code.id);
      const enc = new TextEncoder();
      if (!timingSafeEqual(enc.encode(await sha256Hex(`${code.id}:${c.req.valid("json").code}`)), enc.encode(code.codeHash)))
        throw new BadInput("wrong code", [{ path: "code", message: "the code does not match" }]);
      const applied = await applyContactChange(db, {
        changeId: change.id,
        residentId: id,
        codeId: code.id,
        newPhone: change.newPhone,
        newEmail: change.newEmail,
        now,
        audit: {
          id: newId("aud", now),
          actorId: c.var.actor.staffId,
          actorRole: c.var.actor.role,
          action: "resident.contactChanged",
          subjectType: "resident",
          subjectId: id,
          detail: { changeId: change.id, method: "otp" },
          at: now,
        },
      });
      if (!applied) throw new Conflict("the change was already applied");
      return c.json(changeView((await findContactChange(db, id, change.id))!), 200);
    },
  );
