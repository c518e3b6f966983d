import { createRoute, z } from "@hono/zod-openapi";
import { BranchRestoreQuerySchema, BranchViewSchema } from "@wuye/core";
import { findBranch, restoreBackup } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { branchView, databaseHost } from "./common.ts";

/** Export files are larger than ordinary JSON bodies: app.ts gives this path its own body limit. */
export const RESTORE_PATH_SUFFIX = "/admin/branches/restore";
export const RESTORE_MAX_BYTES = 64 * 1024 * 1024;

export const restoreBranchRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/restore",
    tags: ["admin"],
    summary: "Restore an export into a NEW database and branch (slug and tracking prefix default to the export's)",
    security: [{ bearer: [] }],
    request: {
      query: BranchRestoreQuerySchema,
      body: { content: { "application/json": { schema: z.record(z.string(), z.unknown()) } }, required: true },
    },
    responses: {
      201: { description: "Restored", content: { "application/json": { schema: BranchViewSchema.extend({ copy: z.boolean() }) } } },
      ...errorResponses,
      409: { description: "Slug or tracking prefix in use", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.branches.export");
    const s = c.var.services;
    const file = c.req.valid("json");
    const restored = await restoreBackup(s, databaseHost(c), file, { ...c.req.valid("query"), orgId: c.var.actor.orgId });
    const branch = await findBranch(s.control, { id: restored.branchId });
    return c.json({ ...branchView(branch!), copy: restored.copy }, 201);
  },
);
