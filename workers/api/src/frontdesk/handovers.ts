import { createRoute, z } from "@hono/zod-openapi";
import {
  Conflict,
  Forbidden,
  HandoverInputSchema,
  HandoverSignInputSchema,
  handoverState,
  newId,
  NotFound,
  selectHandoverItems,
  t,
  type MessageKey,
} from "@wuye/core";
import { findHandover, handoverSources, insertHandover, listHandovers, signHandover, staffInboxRow, staffOfBranch } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";
import { clockOf, IdParam, IfMatchHeader, iso, jsonBody, ok, stateResponses, throwIfStale } from "./common.ts";

const ItemView = z.object({
  id: z.string(),
  source: z.enum(["request", "milestone", "note"]),
  refId: z.string().nullable(),
  text: z.string(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
});
const HandoverView = z.object({
  id: z.string(),
  shift: z.string(),
  notes: z.string().nullable(),
  writtenBy: z.string(),
  createdAt: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  signNote: z.string().nullable(),
  status: z.enum(["awaiting", "signed", "partial"]),
  unsignedItems: z.number(),
  flagged: z.boolean().openapi({ description: "shown to the supervisor: signed with items left, or not signed in time" }),
  items: z.array(ItemView),
  version: z.number(),
});
const ListQuery = z.strictObject({
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

type Loaded = NonNullable<Awaited<ReturnType<typeof findHandover>>>;
function view(h: Loaded, now: number) {
  const state = handoverState(h, now);
  return {
    id: h.id,
    shift: h.shift,
    notes: h.notes,
    writtenBy: h.writtenBy,
    createdAt: iso(h.createdAt)!,
    signedBy: h.signedBy,
    signedAt: iso(h.signedAt),
    signNote: h.signNote,
    ...state,
    items: h.items.map((i) => ({
      id: i.id,
      source: i.source as "request" | "milestone" | "note",
      refId: i.refId,
      text: i.text,
      signedAt: iso(i.signedAt),
      signedBy: i.signedBy,
    })),
    version: h.version,
  };
}

export const handoverRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/handovers",
      tags: ["console"],
      summary: "Write the shift handover (交接班记录): open items are filled in from owned open requests and overdue milestones",
      security: [{ bearer: [] }],
      request: { body: jsonBody(HandoverInputSchema) },
      responses: { 201: ok("The handover, awaiting the incoming shift's signature", HandoverView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "handover.write");
      const input = c.req.valid("json");
      const { db } = c.var.tenant;
      const now = clockOf(c);
      const sources = await handoverSources(db, c.var.actor.staffId, now);
      const drafts = [
        ...selectHandoverItems({ ownerId: c.var.actor.staffId, ...sources, now }),
        ...(input.items ?? []).map((text) => ({ source: "note" as const, refId: null, text })),
      ];
      const id = newId("hdo", now);
      await insertHandover(
        db,
        { id, shift: input.shift, notes: input.notes ?? null, writtenBy: c.var.actor.staffId, createdAt: now, updatedAt: now },
        drafts.map((d, i) => ({
          id: `hdi_${id.slice(4)}_${String(i).padStart(3, "0")}`,
          handoverId: id,
          source: d.source,
          refId: d.refId,
          text: d.text,
        })),
      );
      const h = (await findHandover(db, id))!;
      c.header("etag", etagOf(h.version));
      return c.json(view(h, now), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/handovers",
      tags: ["console"],
      summary: "Handovers, newest first; `flagged=true` lists those the supervisor must follow up",
      security: [{ bearer: [] }],
      request: { query: ListQuery },
      responses: { 200: ok("Handovers", z.object({ items: z.array(HandoverView) })), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "handover.write");
      const q = c.req.valid("query");
      const now = clockOf(c);
      const items = (await listHandovers(c.var.tenant.db, q.limit)).map((h) => view(h, now));
      return c.json(
        { items: q.flagged === "true" ? items.filter((h) => h.flagged) : q.flagged === "false" ? items.filter((h) => !h.flagged) : items },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/handovers/{id}",
      tags: ["console"],
      summary: "One handover (ETag: version)",
      security: [{ bearer: [] }],
      request: { params: IdParam },
      responses: { 200: ok("The handover", HandoverView), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "handover.write");
      const h = await findHandover(c.var.tenant.db, c.req.valid("param").id);
      if (!h) throw new NotFound("handover");
      c.header("etag", etagOf(h.version));
      return c.json(view(h, clockOf(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/handovers/{id}/sign",
      tags: ["console"],
      summary:
        "The incoming shift signs, taking over the listed items (all when omitted); items left unsigned flag the handover to the supervisors",
      security: [{ bearer: [] }],
      request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(HandoverSignInputSchema) },
      responses: { 200: ok("The signed handover", HandoverView), ...stateResponses },
    }),
    async (c) => {
      requirePermission(c.var.actor, "handover.sign");
      const input = c.req.valid("json");
      const { branch, db } = c.var.tenant;
      const s = c.var.services;
      const h = await findHandover(db, c.req.valid("param").id);
      if (!h) throw new NotFound("handover");
      if (h.writtenBy === c.var.actor.staffId) throw new Forbidden("the incoming shift signs, not the one handing over");
      if (h.signedAt !== null) throw new Conflict("the handover is already signed");
      const expected = ifMatchVersion(c);
      const now = clockOf(c);
      const known = new Set(h.items.map((i) => i.id));
      const itemIds = input.itemIds ?? [...known];
      const unknown = itemIds.findIndex((i) => !known.has(i));
      if (unknown >= 0) throw new NotFound("handover item");
      const unsigned = h.items.length - new Set(itemIds).size;
      const supervisors = unsigned > 0 ? await staffOfBranch(s.control, branch.id, ["serviceSupervisor"]) : [];
      const inboxRows = supervisors.map((sup) =>
        staffInboxRow(sup, `ntf_hdo_${h.id}`, "handover.flagged", now, (locale) => ({
          title: t(locale, "notify.handover.flagged.title" as MessageKey, { shift: t(locale, `handover.shift.${h.shift}` as MessageKey) }),
          body: t(locale, "notify.handover.flagged.body" as MessageKey, { by: h.writtenBy, n: unsigned }),
        })),
      );
      const result = await signHandover(db, {
        id: h.id,
        expectedVersion: expected ?? h.version,
        signer: c.var.actor.staffId,
        itemIds,
        note: input.note ?? null,
        now,
        flagged: unsigned > 0,
        inboxRows,
      });
      if (!result) throw new NotFound("handover");
      throwIfStale(result, expected ?? h.version);
      const after = (await findHandover(db, h.id))!;
      c.header("etag", etagOf(after.version));
      return c.json(view(after, now), 200);
    },
  );
