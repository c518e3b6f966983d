import { createRoute } from "@hono/zod-openapi";
import { RegionInputSchema, RegionViewSchema } from "@wuye/core";
import { regionUsage, renameRegion } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { IdParam, orgRegion } from "./common.ts";

export const renameRegionRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/regions/{id}/rename",
    tags: ["admin"],
    summary: "Rename a region",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: { content: { "application/json": { schema: RegionInputSchema } }, required: true } },
    responses: {
      200: { description: "Renamed", content: { "application/json": { schema: RegionViewSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const region = await orgRegion(c, c.req.valid("param").id);
    const { name } = c.req.valid("json");
    await renameRegion(c.var.services.control, region.id, name, c.var.services.now());
    const usage = await regionUsage(c.var.services.control, region.id);
    return c.json({ id: region.id, name, branches: usage.branches }, 200);
  },
);
