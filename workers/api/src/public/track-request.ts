import { createRoute, type z } from "@hono/zod-openapi";
import { allowedActions, isBreached, type MessageKey, type MilestoneName, type RequestKind, t } from "@wuye/core";
import { trackingRead } from "@wuye/db";
import { attachmentViews, trackingPhotoUrl } from "../attachments/attachment-view.ts";
import { iso } from "../http/common.ts";
import { jsonWithEtag } from "../http/etag.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { residentView } from "../workflow/resident-view.ts";
import { initialRecordOf } from "../workflow/run-step.ts";
import { TrackingParam, TrackingViewSchema } from "./schemas.ts";
import { byTrackingCode } from "./tracked-request.ts";

/** The visit of a dispatched repair: the technician's name, the appointment (预约维修时间), and whether a key was left. */
function visitOf(
  r: { appointmentFrom: number | null; appointmentTo: number | null; keyLeft: boolean | null },
  events: Array<{ type: string; data: Record<string, unknown> }>,
) {
  const dispatch = events.filter((e) => e.type === "workflow.dispatch").at(-1);
  if (!dispatch) return null;
  const name = dispatch.data.technicianName;
  return {
    technician: typeof name === "string" ? name : null,
    appointment: r.appointmentFrom && r.appointmentTo ? { from: iso(r.appointmentFrom), to: iso(r.appointmentTo) } : null,
    keyLeft: r.keyLeft,
  };
}

export const trackRequestRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/requests/{trackingCode}",
    tags: ["public"],
    summary: "Track a request: status, milestones and a resident-safe timeline; poll with If-None-Match (304 while unchanged)",
    request: { params: TrackingParam },
    responses: {
      200: {
        description: "Tracking view (ETag: hash of the view, so any visible change changes it)",
        content: { "application/json": { schema: TrackingViewSchema } },
      },
      304: { description: "Unchanged since the ETag in If-None-Match" },
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const s = c.var.services;
    // One round trip: the request, its timeline, milestones, record and photos in one batch.
    const found = await byTrackingCode(s, c.req.valid("param").trackingCode, trackingRead);
    const { branch, request, events, milestones, photos } = found;
    const record = found.record ?? initialRecordOf(request);
    const now = s.now();
    const locale = c.var.locale;
    return jsonWithEtag(c, {
      trackingCode: request.trackingCode,
      kind: request.kind as RequestKind,
      category: request.category,
      urgency: request.urgency,
      status: request.status,
      createdAt: iso(request.createdAt),
      branch: { slug: branch.slug, name: locale === "en" ? branch.nameEn : branch.name, servicePhone: branch.servicePhone },
      milestones: milestones.map((m) => ({
        name: m.name as MilestoneName,
        dueAt: iso(m.dueAt),
        status: m.status,
        metAt: iso(m.metAt),
        breached: isBreached(m, now),
      })),
      // Only events with a public note; internal data and staff identities never leave the branch.
      timeline: events
        .filter((e) => e.publicNote !== null)
        .map((e) => ({
          at: iso(e.at),
          type: e.type,
          note: e.publicNote === "reply" ? String(e.data.text) : t(locale, `timeline.${e.publicNote}` as MessageKey),
        })),
      visit: visitOf(request, events),
      workflow: {
        state: t(locale, `state.${request.status}` as MessageKey),
        residentActions: allowedActions(request.kind as RequestKind, request.status, "resident", record),
        record: residentView(request.kind as RequestKind, record),
      },
      // Served to whoever holds the code (the url carries it); the ETag covers them like any visible change.
      attachments: attachmentViews(photos, (id) => trackingPhotoUrl(request.trackingCode, id)),
    } satisfies z.input<typeof TrackingViewSchema>) as never;
  },
);
