import { createRoute } from "@hono/zod-openapi";
import { BadInput, checkVisitorRegistration, maskIdNumber, newId, VisitorInputSchema } from "@wuye/core";
import { insertVisitor } from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { clockOf, etagOf, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { VisitorView, visitorView } from "./visitor-view.ts";
import { refs, requireOwnReferences } from "../http/references.ts";

export const registerVisitorRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/visitors",
    tags: ["console"],
    summary: "Register a visitor (访客单); between the branch's night-shift hours only the night duty manager may",
    security: [{ bearer: [] }],
    request: { body: jsonBody(VisitorInputSchema) },
    responses: {
      201: ok("Registered", VisitorView),
      ...errorResponses,
      403: {
        description: "Role not allowed, or the night rule (`urn:wuye:problem:night_rule`: the hours and who registers then)",
        content: problemContent,
      },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "visitor.register");
    const input = c.req.valid("json");
    const { branch, db } = c.var.tenant;
    const s = c.var.services;
    const now = clockOf(c);
    const { settings } = await branchSettings(s, branch.id);
    // The rule applies to the moment of registration, in the branch's zone and with its own setting; a desk role it
    // refuses is told the hours and who registers then (night_rule), not a bare 403.
    const needed = checkVisitorRegistration(c.var.actor.role, now, branch.timeZone, settings.nightShift);
    requirePermission(c.var.actor, needed);
    await requireOwnReferences(c, refs("unit", "hostUnitId", input.hostUnitId));
    const inAt = input.inAt ?? now;
    if (inAt > now + 5 * 60_000) throw new BadInput("in time is in the future", [{ path: "inAt", message: "cannot be in the future" }]);
    const id = newId("vis", now);
    const v = await insertVisitor(db, {
      id,
      name: input.name,
      idType: input.idType,
      idMasked: maskIdNumber(input.idNumber),
      hostUnitId: input.hostUnitId,
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
    c.header("etag", etagOf(v.version));
    return c.json(visitorView(v), 201);
  },
);
