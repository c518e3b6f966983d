import { createRoute } from "@hono/zod-openapi";
import { BadInput, BranchMoveSchema, BranchViewSchema } from "@wuye/core";
import { findRegion, forgetCachedBranches, moveBranchFacts, updateBranch } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { branchView, IdParam, orgBranch } from "./common.ts";

export const moveBranchRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{id}/move",
    tags: ["admin"],
    summary: "Move a branch to another region (null: directly under head office); its head-office history moves with it",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: { content: { "application/json": { schema: BranchMoveSchema } }, required: true } },
    responses: {
      200: { description: "Moved", content: { "application/json": { schema: BranchViewSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const branch = await orgBranch(c, c.req.valid("param").id, "org.branches.manage");
    const { regionId } = c.req.valid("json");
    const s = c.var.services;
    if (regionId && !(await findRegion(s.control, c.var.actor.orgId, regionId))) {
      throw new BadInput("no such region", [{ path: "regionId", message: "not a region of this organization" }]);
    }
    const row = await updateBranch(s.control, branch.id, { regionId, updatedAt: s.now() });
    await moveBranchFacts(s.supervision.$client, branch.id, regionId);
    forgetCachedBranches();
    return c.json(branchView(row), 200);
  },
);
