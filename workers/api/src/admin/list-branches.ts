import { createRoute, z } from "@hono/zod-openapi";
import { BranchViewSchema } from "@wuye/core";
import { listOrgBranches } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { branchView } from "./common.ts";

export const listBranchesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches",
    tags: ["admin"],
    summary: "The organization's branches (管理处) with their status",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Branches", content: { "application/json": { schema: z.object({ items: z.array(BranchViewSchema) }) } } },
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.branches.manage");
    const rows = await listOrgBranches(c.var.services.control, c.var.actor.orgId);
    return c.json({ items: rows.map(branchView) }, 200);
  },
);
