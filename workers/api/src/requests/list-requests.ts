import { createRoute, z } from "@hono/zod-openapi";
import { CHANNELS, maskPhone, REGISTER_ORDERS, REQUEST_KINDS } from "@wuye/core";
import { listRequests } from "@wuye/db";
import { iso } from "../http/common.ts";
import { jsonWithEtag } from "../http/etag.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { decodeCursor, encodeCursor, milestoneView, RegisterPage } from "./request-views.ts";

const RegisterQuery = z.strictObject({
  kind: z.enum(REQUEST_KINDS).optional(),
  status: z.string().max(30).optional(),
  channel: z.enum(CHANNELS).optional(),
  category: z.string().min(2).max(41).optional(),
  order: z.enum(REGISTER_ORDERS).optional().openapi({ description: "newest first (default), or urgent first" }),
  owner: z.string().max(64).optional().openapi({ description: "a staff id, or `me`" }),
  overdue: z.enum(["true", "false"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().min(1).max(100).optional().openapi({
    description:
      "the full tracking code or any 5-character group of it, the code without its prefix, the contact phone or its last 4 digits, the name, the unit (1栋502, 2-301), words of the description",
  }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const listRequestsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/requests",
    tags: ["console"],
    summary:
      "The service information register (顾客服务信息登记表): search, filters, newest or urgent first, cursor pages; poll with If-None-Match",
    security: [{ bearer: [] }],
    request: { query: RegisterQuery },
    responses: {
      200: { description: "A page (ETag: hash of the page)", content: { "application/json": { schema: RegisterPage } } },
      304: { description: "Unchanged since the ETag in If-None-Match" },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.readAll"); // not a technician's: they work from "my jobs"
    const q = c.req.valid("query");
    const { db } = c.var.tenant;
    const rows = await listRequests(db, {
      kind: q.kind,
      status: q.status,
      channel: q.channel,
      category: q.category,
      order: q.order,
      ownerId: q.owner === "me" ? c.var.actor.staffId : q.owner,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      q: q.q,
      overdueAt: q.overdue === "true" ? c.var.services.now() : undefined,
      cursor: decodeCursor(q.cursor),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const items = page.map((r) => {
      const own = r.milestones;
      const open = own.filter((m) => m.status === "open" && m.dueAt !== null).map((m) => m.dueAt!);
      return {
        id: r.id,
        trackingCode: r.trackingCode,
        kind: r.kind,
        category: r.category,
        urgency: r.urgency,
        status: r.status,
        channel: r.channel,
        description: r.description,
        contactName: r.contactName,
        contactPhone: maskPhone(r.contactPhone),
        unitLabel: r.unitLabel,
        area: r.area,
        ownerId: r.ownerId,
        createdAt: iso(r.createdAt)!,
        nextDueAt: open.length ? iso(Math.min(...open)) : null,
        milestones: own.map(milestoneView),
      };
    });
    const last = page.at(-1);
    const view = { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursor) : null };
    return jsonWithEtag(c, view satisfies z.input<typeof RegisterPage>) as never;
  },
);
