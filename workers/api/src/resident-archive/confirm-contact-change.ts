import { createRoute, z } from "@hono/zod-openapi";
import {
  BadInput,
  Conflict,
  ContactChangeConfirmSchema,
  NotFound,
  oneTimeCodeMatches,
  oneTimeCodeUsable,
  Unauthenticated,
} from "@wuye/core";
import { applyContactChange, countCodeAttempt, findCode, findContactChange } from "@wuye/db";
import { auditEntry, IdParam, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ContactChangeView, contactChangeView } from "./contact-change-view.ts";

export const confirmContactChangeRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/residents/{id}/contact-changes/{changeId}/confirm",
    tags: ["console"],
    summary: "Apply a pending change with the code the resident received on the old phone",
    security: [{ bearer: [] }],
    request: { params: IdParam.extend({ changeId: z.string().min(3).max(64) }), body: jsonBody(ContactChangeConfirmSchema) },
    responses: {
      200: ok("Applied", ContactChangeView),
      ...errorResponses,
      409: { description: "Already applied", content: problemContent },
    },
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
    if (!code || !oneTimeCodeUsable(code, now)) throw new Unauthenticated("no valid code; start a new change");
    await countCodeAttempt(db, code.id);
    if (!(await oneTimeCodeMatches(code, c.req.valid("json").code)))
      throw new BadInput("wrong code", [{ path: "code", message: "the code does not match" }]);
    const applied = await applyContactChange(db, {
      changeId: change.id,
      residentId: id,
      codeId: code.id,
      newPhone: change.newPhone,
      newEmail: change.newEmail,
      now,
      audit: auditEntry(c.var.actor, "resident.contactChanged", { type: "resident", id }, now, { changeId: change.id, method: "otp" }),
    });
    if (!applied) throw new Conflict("the change was already applied");
    return c.json(contactChangeView(applied), 200);
  },
);
