import { createRoute, type z } from "@hono/zod-openapi";
import { can, maskPhone, mayReadRequest, mayReadResidentPhone, NotFound } from "@wuye/core";
import { requestDetailRead } from "@wuye/db";
import { auditEntry, IdParam, iso } from "../http/common.ts";
import { jsonWithEtag } from "../http/etag.ts";
import { attachmentViews, staffPhotoUrl } from "../attachments/attachment-view.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { milestoneView, RequestDetail } from "./request-views.ts";
import { findReadableRequest } from "./readable-request.ts";

export const getRequestRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/requests/{id}",
    tags: ["console"],
    summary:
      "One request with its full record and timeline; poll with If-None-Match (304 while unchanged). Reads are audited, once per staff member and request within 10 minutes",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      200: {
        description: 'The request (ETag: `"<version>.<hash of the view>"`, usable as its If-Match)',
        content: { "application/json": { schema: RequestDetail } },
      },
      304: { description: "Unchanged since the ETag in If-None-Match" },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.read");
    const { db } = c.var.tenant;
    const actor = c.var.actor;
    const id = c.req.valid("param").id;
    // A technician's read is checked first (core's rule), so that a denied read is never audited; everyone
    // else who reads the register reads in one round trip.
    if (!can(actor.role, "request.readAll")) await findReadableRequest(db, actor, id);
    // One round trip: the request, its timeline, milestones and photos, and the read's audit row unless one is recent.
    const audit = auditEntry(actor, "request.readResident", { type: "request", id }, c.var.services.now());
    const found = await requestDetailRead(db, id, audit);
    if (!found || !mayReadRequest(actor, found.request)) throw new NotFound("request");
    const { request: r, events, milestones, photos } = found;
    const open = milestones.filter((m) => m.status === "open" && m.dueAt !== null).map((m) => m.dueAt!);
    return jsonWithEtag(
      c,
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
      } satisfies z.input<typeof RequestDetail>,
      r.version,
    ) as never;
  },
);
