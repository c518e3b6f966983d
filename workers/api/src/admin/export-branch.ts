import { createRoute, z } from "@hono/zod-openapi";
import { backupBranch } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { IdParam, orgBranch } from "./common.ts";

export const exportBranchRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{id}/export",
    tags: ["admin"],
    summary: "Download a branch: every table of its database (one snapshot) and its control rows, as one JSON file",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      200: {
        description: "The export file (attachment)",
        content: { "application/json": { schema: z.any() }, "application/octet-stream": { schema: z.string() } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const branch = await orgBranch(c, c.req.valid("param").id, "org.branches.export");
    const file = await backupBranch(c.var.services, branch, c.var.services.now());
    return c.body(JSON.stringify(file), 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="branch-${branch.slug}-${file.exportedAt.slice(0, 10)}.json"`,
      "cache-control": "no-store",
    });
  },
);
