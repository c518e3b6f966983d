import { createRoute, z } from "@hono/zod-openapi";
import { listHandovers } from "@wuye/db";
import { clockOf, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ShiftHandoverView, shiftHandoverView } from "./shift-handover-view.ts";

const ListQuery = z.strictObject({
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const listShiftHandoversRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/handovers",
    tags: ["console"],
    summary: "Handovers, newest first; `flagged=true` lists those the supervisor must follow up",
    security: [{ bearer: [] }],
    request: { query: ListQuery },
    responses: { 200: ok("Handovers", z.object({ items: z.array(ShiftHandoverView) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "handover.write");
    const q = c.req.valid("query");
    const now = clockOf(c);
    const items = (await listHandovers(c.var.tenant.db, q.limit)).map((h) => shiftHandoverView(h, now));
    return c.json(
      { items: q.flagged === "true" ? items.filter((h) => h.flagged) : q.flagged === "false" ? items.filter((h) => !h.flagged) : items },
      200,
    );
  },
);
