import { createRoute } from "@hono/zod-openapi";
import { DomainError } from "@wuye/core";
import { deleteRegion, regionUsage } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { IdParam, orgRegion } from "./common.ts";

export const deleteRegionRoute = createRouter().openapi(
  createRoute({
    method: "delete",
    path: "/regions/{id}",
    tags: ["admin"],
    summary: "Delete a region that holds no branch and no region user",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      204: { description: "Deleted" },
      ...errorResponses,
      409: { description: "The region still holds branches or users", content: problemContent },
    },
  }),
  async (c) => {
    const region = await orgRegion(c, c.req.valid("param").id);
    const usage = await regionUsage(c.var.services.control, region.id);
    if (usage.branches > 0 || usage.staff > 0) {
      throw new DomainError("conflict", `region ${region.name} still holds ${usage.branches} branch(es) and ${usage.staff} user(s)`, {
        detail: usage,
      });
    }
    await deleteRegion(c.var.services.control, region.id);
    return c.body(null, 204);
  },
);
