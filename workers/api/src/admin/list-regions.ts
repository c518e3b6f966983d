import { createRoute, z } from "@hono/zod-openapi";
import { RegionViewSchema } from "@wuye/core";
import { listRegions } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

export const listRegionsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/regions",
    tags: ["admin"],
    summary: "The organization's regions (片区), each with its number of branches",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Regions", content: { "application/json": { schema: z.object({ items: z.array(RegionViewSchema) }) } } },
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.regions.manage");
    const rows = await listRegions(c.var.services.control, c.var.actor.orgId);
    return c.json({ items: rows.map((r) => ({ id: r.id, name: r.name, branches: r.branches })) }, 200);
  },
);
