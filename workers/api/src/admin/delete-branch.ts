import { createRoute } from "@hono/zod-openapi";
import { BadInput, BranchDeleteSchema } from "@wuye/core";
import { deleteBranch, forgetCachedBranches } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { databaseHost, IdParam, orgBranch } from "./common.ts";

export const deleteBranchRoute = createRouter().openapi(
  createRoute({
    method: "delete",
    path: "/branches/{id}",
    tags: ["admin"],
    summary:
      "Delete a branch: its control rows (places, settings, staff), its head-office facts, and its database (dropped). Type the slug in `confirm`.",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: { content: { "application/json": { schema: BranchDeleteSchema } }, required: true } },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
  async (c) => {
    const branch = await orgBranch(c, c.req.valid("param").id, "org.branches.manage");
    if (c.req.valid("json").confirm !== branch.slug) {
      throw new BadInput("type the branch's slug to confirm", [{ path: "confirm", message: `must be ${branch.slug}` }]);
    }
    const s = c.var.services;
    await deleteBranch({ host: databaseHost(c), control: s.control.$client, supervision: s.supervision.$client, branch });
    forgetCachedBranches();
    return c.body(null, 204);
  },
);
