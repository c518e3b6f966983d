import { createRoute } from "@hono/zod-openapi";
import {
  Conflict,
  ContactChangeInputSchema,
  newId,
  newOneTimeCode,
  NotFound,
  ONE_TIME_CODE_TTL_MS,
  oneTimeCodeHash,
  oneTimeCodeRow,
} from "@wuye/core";
import { applyContactChange, findResident, insertContactChange, residentByPhone, writeAudit } from "@wuye/db";
import { auditEntry, IdParam, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";
import { ContactChangeView, contactChangeView } from "./contact-change-view.ts";

export const requestContactChangeRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/residents/{id}/contact-changes",
    tags: ["console"],
    summary:
      "Change a resident's contact details: by a one-time code sent to the old phone (pending until confirmed), or at once after staff checked the ID (reason on record)",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: jsonBody(ContactChangeInputSchema) },
    responses: {
      201: ok("The change (pending or applied)", ContactChangeView),
      ...errorResponses,
      409: { description: "The new phone belongs to another resident", content: problemContent },
    },
  }),
  async (c) => {
    const actor = c.var.actor;
    requirePermission(actor, "request.readResident");
    const input = c.req.valid("json");
    const { branch, db } = c.var.tenant;
    const r = await findResident(db, c.req.valid("param").id);
    if (!r) throw new NotFound("resident");
    if (input.newPhone) {
      const other = await residentByPhone(db, input.newPhone);
      if (other && other.id !== r.id) throw new Conflict("that phone belongs to another resident record");
    }
    const now = c.var.services.now();
    const id = newId("ccr", now);
    const subject = { type: "resident", id: r.id };
    const base = {
      id,
      residentId: r.id,
      method: input.method,
      newPhone: input.newPhone ?? null,
      newEmail: input.newEmail ?? null,
      oldPhone: r.phone,
      status: "pending",
      requestedBy: actor.staffId,
      createdAt: now,
    };
    if (input.method === "otp") {
      const code = newOneTimeCode();
      const codeId = newId("otp", now);
      // The code goes to the OLD contact: whoever asks must be the one who holds it now.
      const message = oneTimeCodeRow(branch, { codeId, to: r.phone, code }, now);
      const otp = {
        id: codeId,
        contact: r.phone,
        codeHash: await oneTimeCodeHash(codeId, code),
        purpose: "change-contact",
        expiresAt: now + ONE_TIME_CODE_TTL_MS,
        createdAt: now,
      };
      await insertContactChange(db, { ...base, codeId }, { code: otp, message });
      await writeAudit(db, auditEntry(actor, "resident.contactChange.requested", subject, now, { changeId: id, method: "otp" }));
      publishAfter(c, db, [message]);
      return c.json(contactChangeView({ ...base, appliedAt: null }), 201);
    }
    await insertContactChange(db, { ...base, idType: input.idType, idLast4: input.idLast4.toUpperCase(), reason: input.reason });
    const applied = await applyContactChange(db, {
      changeId: id,
      residentId: r.id,
      codeId: null,
      newPhone: input.newPhone ?? null,
      newEmail: input.newEmail ?? null,
      now,
      audit: auditEntry(actor, "resident.contactChanged", subject, now, {
        changeId: id,
        method: "id-check",
        idType: input.idType,
        reason: input.reason,
      }),
    });
    if (!applied) throw new Conflict("the change was already handled");
    return c.json(contactChangeView(applied), 201);
  },
);
