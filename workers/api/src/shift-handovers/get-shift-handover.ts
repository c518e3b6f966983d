import { createRoute } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findHandover } from "@wuye/db";
import { clockOf, etagOf, IdParam, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ShiftHandoverView, shiftHandoverView } from "./shift-handover-view.ts";

export const getShiftHandoverRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/handovers/{id}",
    tags: ["console"],
    summary: "One handover (ETag: version)",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: { 200: ok("The handover", ShiftHandoverView), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "handover.write");
    const h = await findHandover(c.var.tenant.db, c.req.valid("param").id);
    if (!h) throw new NotFound("handover");
    c.header("etag", etagOf(h.version));
    return c.json(shiftHandoverView(h, clockOf(c)), 200);
  },
);
