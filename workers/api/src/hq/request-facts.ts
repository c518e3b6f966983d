import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { requestFactWithMilestones } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { branchesInScope, scopeOf } from "./scope.ts";

export const requestFactsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/requests/{id}",
    tags: ["hq"],
    summary: "One request's PII-free facts and milestone timeline (404 outside your scope)",
    security: [{ bearer: [] }],
    request: { params: z.object({ id: z.string().max(64) }) },
    responses: { 200: { description: "Facts", content: { "application/json": { schema: z.unknown() } } }, ...errorResponses },
  }),
  async (c) => {
    const found = await requestFactWithMilestones(c.var.services.supervision, scopeOf(c.var.actor), c.req.valid("param").id);
    if (!found) throw new NotFound("request");
    // The supervision database answers untyped rows: instants arrive as numbers, or strings of them.
    const instant = (v: unknown) => iso(v === null || v === undefined ? null : Number(v));
    const f = found.fact;
    const branch = (await branchesInScope(c.var.services, c.var.actor)).find((b) => b.id === f.branch_id);
    return c.json(
      {
        requestId: String(f.request_id),
        branch: branch?.slug ?? null,
        branchName: branch ? (c.var.locale === "en" ? branch.nameEn : branch.name) : null,
        kind: String(f.kind),
        category: f.category === null ? null : String(f.category),
        urgency: String(f.urgency),
        channel: String(f.channel),
        status: String(f.status),
        createdAt: instant(f.created_at),
        closedAt: instant(f.closed_at),
        milestones: found.milestones.map((m) => ({
          name: String(m.name),
          startAt: instant(m.start_at),
          dueAt: instant(m.due_at),
          status: String(m.status),
          metAt: instant(m.met_at),
          breachedAt: instant(m.breached_at),
          pausedMinutes: Math.round(Number(m.paused_ms) / 60_000),
        })),
      } as never,
      200,
    );
  },
);
