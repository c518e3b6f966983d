import { createRoute } from "@hono/zod-openapi";
import { BranchRenameSchema, BranchViewSchema } from "@wuye/core";
import { forgetCachedBranches, updateBranch } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { branchView, IdParam, orgBranch } from "./common.ts";

export const renameBranchRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{id}/rename",
    tags: ["admin"],
    summary: "Rename a branch (Chinese and/or English name)",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: { content: { "application/json": { schema: BranchRenameSchema } }, required: true } },
    responses: {
      200: { description: "Renamed", content: { "application/json": { schema: BranchViewSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const branch = await orgBranch(c, c.req.valid("param").id, "org.branches.manage");
    const names = c.req.valid("json");
    const row = await updateBranch(c.var.services.control, branch.id, { ...names, updatedAt: c.var.services.now() });
    forgetCachedBranches();
    return c.json(branchView(row), 200);
  },
);
