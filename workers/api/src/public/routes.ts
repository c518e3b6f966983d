import { createRoute, z } from "@hono/zod-openapi";
import {
  allowedActions,
  Conflict,
  CreateRequestInputSchema,
  describeCommitments,
  noticeBodyWithPhones,
  type MessageKey,
  type MilestoneName,
  newId,
  NotFound,
  type RequestKind,
  t,
  trackingPrefixOf,
} from "@wuye/core";
import { branchPlaces, changeRequest, findRequest, rateRequest, releaseDueNotices, requestTimeline } from "@wuye/db";
import { eventRow, publishAfter } from "../outbox.ts";
import type { Services } from "../services.ts";
import { branchSettings } from "../branch-settings.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { jsonWithEtag } from "../http/etag.ts";
import { clientIp, idempotencyKeyOf, readJsonBody } from "../http/request.ts";
import { createRequest } from "../intake/create-request.ts";
import { recordOf, runStep } from "../workflow/run-step.ts";
import { residentView } from "../workflow/resident-view.ts";
import { BranchParam, BranchProfileSchema, CreatedRequestSchema, TrackingParam, TrackingViewSchema } from "./schemas.ts";

/** A request found by its tracking code: the prefix names the branch; anything else is a plain 404. */
export async function byTrackingCode(s: Services, raw: string) {
  const code = raw.toUpperCase();
  const prefix = trackingPrefixOf(code);
  const branch = prefix ? await s.branch({ trackingPrefix: prefix }) : null;
  if (!branch) throw new NotFound("request");
  const db = s.branchDb(branch);
  const request = await findRequest(db, { trackingCode: code });
  if (!request) throw new NotFound("request");
  return { branch, db, request };
}

const RatingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  /** Asked in the portal; when left out, 1–2 stars count as not satisfied. */
  satisfied: z.boolean().optional(),
  comment: z
    .string()
    .trim()
    .max(500)
    .refine((v) => !/<\s*\/?\s*[a-z!?]/i.test(v), "must be plain text")
    .optional(),
});
/** The step a resident's rating performs when the request waits for its follow-up (回访). */
const FOLLOW_UP_STEP = "follow-up";
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const IdempotencyHeader = z.object({ "idempotency-key": z.string().min(8).max(128).optional() });

export const publicRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/branches/{branch}",
      tags: ["public"],
      summary: "A branch's public profile: phones, commitments, price list, notices, categories",
      request: { params: BranchParam },
      responses: {
        200: { description: "Profile", content: { "application/json": { schema: BranchProfileSchema } } },
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const s = c.var.services;
      const branch = await s.branch({ slug: c.req.valid("param").branch });
      if (!branch) throw new NotFound("branch");
      const locale = c.var.locale;
      const [{ settings, policy }, communities, notices] = await Promise.all([
        branchSettings(s, branch.id),
        branchPlaces(s.control, branch.id),
        releaseDueNotices(s.control, branch, s.branchDb(branch), s.now()),
      ]);
      return c.json(
        {
          slug: branch.slug,
          name: locale === "en" ? branch.nameEn : branch.name,
          nameEn: branch.nameEn,
          timeZone: branch.timeZone,
          servicePhone: branch.servicePhone,
          complaintPhone: branch.complaintPhone,
          commitments: describeCommitments(policy, locale),
          priceList: settings.priceList.map((p) => ({
            code: p.code,
            name: p.name[locale],
            unit: p.unit,
            labourFen: p.labourFen,
            materialFen: p.materialFen,
          })),
          // Approved (or emergency) notices in force now, each with the branch's phones appended.
          notices: notices.map((n) => ({
            id: n.id,
            title: n.title,
            body: noticeBodyWithPhones(n.body, branch, locale),
            category: n.category,
            publishedAt: iso(n.publishAt ?? n.createdAt)!,
          })),
          categories: settings.categories.map((x) => ({ code: x.code, name: x.name[locale], kind: x.kind, urgent: x.urgent })),
          communities,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/branches/{branch}/requests",
      tags: ["public"],
      summary: "Submit a request of any kind (A–G, S). Honours Idempotency-Key.",
      request: {
        params: BranchParam,
        headers: IdempotencyHeader,
        body: { content: { "application/json": { schema: CreateRequestInputSchema } }, required: true },
      },
      responses: {
        201: {
          description:
            "Created, with every milestone's due time; a retry with the same Idempotency-Key gets the first answer again, marked `idempotent-replayed: true`",
          content: { "application/json": { schema: CreatedRequestSchema } },
        },
        400: errorResponses[400],
        404: errorResponses[404],
        422: { description: "Idempotency-Key reused with another body", content: problemContent },
        429: { description: "Abuse limit reached (Retry-After)", content: problemContent },
      },
    }),
    async (c) => {
      const s = c.var.services;
      const branch = await s.branch({ slug: c.req.valid("param").branch });
      if (!branch) throw new NotFound("branch");
      const result = await createRequest({
        s,
        branch,
        db: s.branchDb(branch),
        input: c.req.valid("json"),
        channel: "portal",
        actor: null,
        idempotencyKey: idempotencyKeyOf(c),
        rawBody: await readJsonBody(c),
        clientIp: clientIp(c),
        waitUntil: (p) => c.executionCtx.waitUntil(p),
      });
      if (result.replayed) c.header("idempotent-replayed", "true");
      return c.json(result.body, 201);
    },
  )
  .openapi(
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
      const { branch, db, request } = await byTrackingCode(s, c.req.valid("param").trackingCode);
      const [{ events, milestones }, record] = await Promise.all([requestTimeline(db, request.id), recordOf(db, request)]);
      const now = s.now();
      const locale = c.var.locale;
      return jsonWithEtag(c, {
        trackingCode: request.trackingCode,
        kind: request.kind as RequestKind,
        category: request.category,
        urgency: request.urgency,
        status: request.status,
        createdAt: iso(request.createdAt)!,
        branch: { slug: branch.slug, name: locale === "en" ? branch.nameEn : branch.name, servicePhone: branch.servicePhone },
        milestones: milestones.map((m) => ({
          name: m.name as MilestoneName,
          dueAt: iso(m.dueAt),
          status: m.status,
          metAt: iso(m.metAt),
          breached: m.breachedAt !== null || (m.metAt === null && m.dueAt !== null && m.dueAt < now && m.status === "open"),
        })),
        // Only events with a public note; internal data and staff identities never leave the branch.
        timeline: events
          .filter((e) => e.publicNote !== null)
          .map((e) => ({
            at: iso(e.at)!,
            type: e.type,
            note: e.publicNote === "reply" ? String(e.data.text) : t(locale, `timeline.${e.publicNote}` as MessageKey),
          })),
        workflow: {
          state: t(locale, `state.${request.status}` as MessageKey),
          residentActions: allowedActions(request.kind as RequestKind, request.status, "resident", record),
          record: residentView(request.kind, record),
        },
      } satisfies z.input<typeof TrackingViewSchema>) as never;
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/requests/{trackingCode}/rating",
      tags: ["public"],
      summary:
        "Rate a request once (1–5, satisfied or not, a comment); the tracking code is the resident's proof. A completed repair's rating is its follow-up (回访): it meets the follow-up milestone and, when not satisfied, reopens it per the branch's rule",
      request: { params: TrackingParam, body: { content: { "application/json": { schema: RatingBody } }, required: true } },
      responses: {
        201: { description: "Thank you" },
        400: errorResponses[400],
        404: errorResponses[404],
        409: { description: "Already rated", content: problemContent },
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { branch, db, request } = await byTrackingCode(s, c.req.valid("param").trackingCode);
      const { score, comment, satisfied } = c.req.valid("json");
      const kind = request.kind as RequestKind;
      const record = await recordOf(db, request);
      if (allowedActions(kind, request.status, "resident", record).includes(FOLLOW_UP_STEP)) {
        await runStep(
          c,
          { branch, db, request, record },
          FOLLOW_UP_STEP,
          { satisfied: satisfied ?? score >= 3, score, ...(comment ? { comment } : {}) },
          "resident",
          null,
        );
        return c.body(null, 201);
      }
      const now = s.now();
      const eventId = newId("evt", now);
      const outbox = eventRow(branch, eventId, "rating.given", { requestId: request.id }, now);
      // The rating, its event and its outbox row in one transaction; a second rating aborts it (409).
      await changeRequest(
        db,
        {
          requestId: request.id,
          expectedVersion: null,
          now,
          event: {
            id: eventId,
            requestId: request.id,
            type: "rating.given",
            actorId: null,
            actorRole: null,
            publicNote: "rated",
            data: { score },
            at: now,
          },
          outbox,
        },
        async (tx) => {
          if (!(await rateRequest(tx, request.id, { score, comment: comment ?? null, at: now })))
            throw new Conflict("this request was already rated");
        },
      );
      publishAfter(c, db, [outbox]);
      return c.body(null, 201);
    },
  );
