import { createRoute } from "@hono/zod-openapi";
import { BadInput, BranchCreateSchema, BranchViewSchema, DomainError, newId } from "@wuye/core";
import { findBranch, findRegion, forgetCachedBranches, provisionBranch } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { branchView, databaseHost } from "./common.ts";

export const createBranchRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches",
    tags: ["admin"],
    summary: "Create a branch: its database is created and migrated (local libSQL server or Turso), then it is registered",
    security: [{ bearer: [] }],
    request: { body: { content: { "application/json": { schema: BranchCreateSchema } }, required: true } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: BranchViewSchema } } },
      ...errorResponses,
      409: { description: "Slug or tracking prefix in use (named in `errors`)", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.branches.manage");
    const input = c.req.valid("json");
    const s = c.var.services;
    const { orgId } = c.var.actor;
    if (input.regionId && !(await findRegion(s.control, orgId, input.regionId))) {
      throw new BadInput("no such region", [{ path: "regionId", message: "not a region of this organization" }]);
    }
    const taken = [
      (await findBranch(s.control, { slug: input.slug })) && { path: "slug", message: "this slug is in use" },
      (await findBranch(s.control, { trackingPrefix: input.trackingPrefix })) && {
        path: "trackingPrefix",
        message: "this prefix is in use",
      },
    ].filter((e) => !!e);
    if (taken.length) throw new DomainError("conflict", "slug or tracking prefix in use", { errors: taken });
    const id = newId("br");
    await provisionBranch(databaseHost(c), s.control, { ...input, id, orgId }, { fresh: true });
    forgetCachedBranches();
    const branch = await findBranch(s.control, { id });
    return c.json(branchView(branch!), 201);
  },
);
