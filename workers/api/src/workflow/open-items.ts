import { createRoute, z } from "@hono/zod-openapi";
import { openItemsOf, transfersTo } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const OpenItemsView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      kind: z.string(),
      status: z.string(),
      urgency: z.string(),
      createdAt: z.string(),
    }),
  ),
  offered: z.array(
    z.object({
      id: z.string(),
      requestId: z.string(),
      fromId: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
      trackingCode: z.string(),
      kind: z.string(),
    }),
  ),
});

export const openItemsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/me/open-items",
    tags: ["workflow"],
    summary: "My open requests and the hand-overs offered to me (for the shift)",
    security: [{ bearer: [] }],
    responses: { 200: { description: "Open items", content: { "application/json": { schema: OpenItemsView } } }, ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.read");
    const { db } = c.var.tenant;
    const items = (await openItemsOf(db, c.var.actor.staffId)).map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
    const offered = (await transfersTo(db, c.var.actor.staffId)).map((t) => ({ ...t, createdAt: iso(t.createdAt) }));
    return c.json({ items, offered }, 200);
  },
);
