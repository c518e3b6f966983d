import { createRoute } from "@hono/zod-openapi";
import { describeCommitments } from "@wuye/core";
import { branchSettings } from "../branch-settings.ts";
import { etagOf } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { PolicyView } from "./settings-views.ts";

export const getPolicyRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/settings/policy",
    tags: ["console"],
    summary: "The branch's deadline policy (ETag: settings version)",
    security: [{ bearer: [] }],
    responses: { 200: { description: "Policy", content: { "application/json": { schema: PolicyView } } }, ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "settings.read");
    const { version, policy } = await branchSettings(c.var.services, c.var.tenant.branch.id);
    c.header("etag", etagOf(version));
    return c.json({ version, policy, commitments: describeCommitments(policy, c.var.locale) }, 200);
  },
);
