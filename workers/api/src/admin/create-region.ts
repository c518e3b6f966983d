import { createRoute } from "@hono/zod-openapi";
import { newId, RegionInputSchema, RegionViewSchema } from "@wuye/core";
import { insertRegion } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

export const createRegionRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/regions",
    tags: ["admin"],
    summary: "Create a region",
    security: [{ bearer: [] }],
    request: { body: { content: { "application/json": { schema: RegionInputSchema } }, required: true } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: RegionViewSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.regions.manage");
    const { name } = c.req.valid("json");
    const id = newId("rgn");
    await insertRegion(c.var.services.control, { id, orgId: c.var.actor.orgId, name, now: c.var.services.now() });
    return c.json({ id, name, branches: 0 }, 201);
  },
);
