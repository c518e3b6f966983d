import { createRoute } from "@hono/zod-openapi";
import { maskPhone, mayReadResidentPhone } from "@wuye/core";
import { attachmentsOfRequest, requestTimeline, writeAudit } from "@wuye/db";
import { attachmentViews, staffPhotoUrl } from "../attachments/attachment-view.ts";
import { auditEntry, etagOf, IdParam, iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { milestoneView, RequestDetail } from "./request-views.ts";
import { findReadableRequest } from "./readable-request.ts";

export const getRequestRoute = createRouter().openapi(
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
    const actor = c.var.actor;
    const r = await findReadableRequest(db, actor, c.req.valid("param").id);
    const subject = { type: "request", id: r.id };
    await writeAudit(db, auditEntry(c.var.actor, "request.readResident", subject, c.var.services.now(), { residentId: r.residentId }));
    const [{ events, milestones }, photos] = await Promise.all([requestTimeline(db, r.id), attachmentsOfRequest(db, r.id)]);
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
        // A technician sees the phone while the job is theirs and open; masked afterwards (core's rule).
        contactPhone: mayReadResidentPhone(actor, r) ? r.contactPhone : maskPhone(r.contactPhone),
        contactEmail: r.contactEmail,
        unitId: r.unitId,
        unitLabel: r.unitLabel,
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
        attachments: attachmentViews(photos, staffPhotoUrl),
        milestones: milestones.map(milestoneView),
        events: events.map((e) => ({ id: e.id, type: e.type, at: iso(e.at)!, actorId: e.actorId, actorRole: e.actorRole, data: e.data })),
      },
      200,
    );
  },
);
