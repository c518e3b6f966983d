import { createRoute, z } from "@hono/zod-openapi";
import { canTake, Conflict, NotFound } from "@wuye/core";
import { findRequest, takeRequest } from "@wuye/db";
import { expectedVersion, IdParam, IfMatchHeader } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { changeOwnership } from "./change-ownership.ts";

export const takeRequestRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/requests/{id}/take",
    tags: ["workflow"],
    summary: "Take a request the duty holds (首问负责制): the taker owns it until it closes or is handed over",
    security: [{ bearer: [] }],
    request: { params: IdParam, headers: IfMatchHeader },
    responses: {
      200: {
        description: "Taken (or already yours)",
        content: { "application/json": { schema: z.object({ ownerId: z.string(), version: z.number() }) } },
      },
      ...errorResponses,
      409: { description: "Someone took it already: ask them for a hand-over", content: problemContent },
      412: { description: "Stale version (If-Match)", content: problemContent },
    },
  }),
  async (c) => {
    const actor = c.var.actor;
    requirePermission(actor, "request.take");
    const r = await findRequest(c.var.tenant.db, { id: c.req.valid("param").id });
    if (!r) throw new NotFound("request");
    const take = canTake(r, actor.staffId);
    if (!take.take && take.reason === "already-owner") return c.json({ ownerId: actor.staffId, version: r.version }, 200);
    if (!take.take) throw new Conflict("someone took this request already; ask them to hand it over");
    const version = await changeOwnership(c, {
      request: r,
      expected: expectedVersion(c.req.valid("header")["if-match"]),
      type: "request.taken",
      data: { from: r.ownerId },
      apply: async (tx) => {
        if (!(await takeRequest(tx, r.id, actor.staffId))) throw new Conflict("someone took this request a moment ago");
      },
    });
    return c.json({ ownerId: actor.staffId, version }, 200);
  },
);
