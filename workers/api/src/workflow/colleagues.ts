import { createRoute, z } from "@hono/zod-openapi";
import { colleaguesOf } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const ColleaguesView = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) });

export const colleaguesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/colleagues",
    tags: ["workflow"],
    summary: "The branch's active staff by name and role, to pick whom to hand a request over to",
    security: [{ bearer: [] }],
    responses: { 200: { description: "Colleagues", content: { "application/json": { schema: ColleaguesView } } }, ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.handOver");
    return c.json({ items: await colleaguesOf(c.var.services.control, c.var.tenant.branch.id) }, 200);
  },
);
