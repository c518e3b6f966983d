import { createRoute } from "@hono/zod-openapi";
import { BranchViewSchema, branchStatusAfter } from "@wuye/core";
import { forgetCachedBranches, updateBranch } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { branchView, IdParam, orgBranch } from "./common.ts";

/** Suspend and resume are one shape: a step of core's branch status, stamped with when it was suspended. */
export function branchStatusRoute(action: "suspend" | "resume", summary: string) {
  return createRouter().openapi(
    createRoute({
      method: "post",
      path: `/branches/{id}/${action}`,
      tags: ["admin"],
      summary,
      security: [{ bearer: [] }],
      request: { params: IdParam },
      responses: {
        200: { description: "The branch with its new status", content: { "application/json": { schema: BranchViewSchema } } },
        ...errorResponses,
        409: { description: "Not allowed in the branch's status", content: problemContent },
      },
    }),
    async (c) => {
      const branch = await orgBranch(c, c.req.valid("param").id, "org.branches.manage");
      const s = c.var.services;
      const status = branchStatusAfter(branch.status, action);
      const row = await updateBranch(s.control, branch.id, {
        status,
        suspendedAt: status === "suspended" ? s.now() : null,
        updatedAt: s.now(),
      });
      forgetCachedBranches();
      return c.json(branchView(row), 200);
    },
  );
}
