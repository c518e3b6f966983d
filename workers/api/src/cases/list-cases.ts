import { createRoute, z } from "@hono/zod-openapi";
import { listCases } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const CaseView = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  source: z.string().openapi({ description: "complaint | follow-up | manual" }),
  kind: z.string().nullable(),
  problem: z.string(),
  lesson: z.string(),
  department: z.string(),
  photos: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const listCasesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/cases",
    tags: ["workflow"],
    summary: "The case library (案例库): problem, photos, lesson, responsible department",
    security: [{ bearer: [] }],
    request: {
      query: z.object({ department: z.string().max(60).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    responses: {
      200: { description: "Cases, newest first", content: { "application/json": { schema: z.object({ items: z.array(CaseView) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.read");
    const q = c.req.valid("query");
    const items = (await listCases(c.var.tenant.db, { department: q.department, limit: q.limit })).map((r) => ({
      ...r,
      createdAt: iso(r.createdAt),
    }));
    return c.json({ items }, 200);
  },
);
