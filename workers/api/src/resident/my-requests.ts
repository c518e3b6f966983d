import { createRoute, z } from "@hono/zod-openapi";
import { MILESTONE_NAMES, nextStepOf, type RequestKind } from "@wuye/core";
import { milestonesOf, requestsOfResident } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

const MyRequest = z.object({
  trackingCode: z.string(),
  kind: z.string(),
  status: z.string(),
  description: z.string(),
  /** The resident's own next step, or what the branch is doing now (core `nextStepOf`). */
  nextStep: z.union([
    z.object({ yours: z.string() }),
    z.object({ waiting: z.enum(["dispatch", "review", "visit", "repair", "followUp", "done", "handling"]) }),
  ]),
  createdAt: z.string(),
  milestones: z.array(z.object({ name: z.enum(MILESTONE_NAMES), dueAt: z.string().nullable(), status: z.string() })),
});

export const myRequestsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/my/requests",
    tags: ["public"],
    summary: "A verified resident's requests in this branch",
    security: [{ bearer: [] }],
    request: { params: BranchParam },
    responses: {
      200: { description: "Requests", content: { "application/json": { schema: z.object({ items: z.array(MyRequest) }) } } },
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { db, resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
    const rows = await requestsOfResident(db, resident);
    const ms = await milestonesOf(
      db,
      rows.map((r) => r.id),
    );
    return c.json(
      {
        items: rows.map((r) => ({
          trackingCode: r.trackingCode,
          kind: r.kind,
          status: r.status,
          description: r.description,
          nextStep: nextStepOf(r.kind as RequestKind, r.status),
          createdAt: iso(r.createdAt),
          milestones: ms
            .filter((m) => m.requestId === r.id)
            .map((m) => ({ name: m.name as (typeof MILESTONE_NAMES)[number], dueAt: iso(m.dueAt), status: m.status })),
        })),
      },
      200,
    );
  },
);
