import { createRoute, z } from "@hono/zod-openapi";
import { DeadlinePolicyInputSchema, DeadlinePolicySchema, describeCommitments, StaleVersion } from "@wuye/core";
import { getBranchSettings, updateBranchSettings } from "@wuye/db";
import { branchSettings, forgetBranchSettings } from "../branch-settings.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";

const PolicyView = z.object({ version: z.number(), policy: z.unknown(), commitments: z.array(z.object({ milestone: z.string(), text: z.string() })) });

// The policy's own `version` is the settings version that introduced it; milestones record it, so a
// change applies to new milestones only and never rewrites history.
const PolicyInput = DeadlinePolicyInputSchema;

export const consoleSettingsRoutes = createRouter()
  .openapi(
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
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/settings/policy",
      tags: ["console"],
      summary: "Replace the deadline policy (validated, versioned; If-Match required)",
      security: [{ bearer: [] }],
      request: { headers: z.object({ "if-match": z.string() }), body: { content: { "application/json": { schema: PolicyInput } }, required: true } },
      responses: {
        200: { description: "Saved", content: { "application/json": { schema: PolicyView } } },
        ...errorResponses,
        412: { description: "Someone changed the settings since you read them", content: problemContent },
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "settings.write");
      const s = c.var.services;
      const branch = c.var.tenant.branch;
      const expected = ifMatchVersion(c)!;
      const row = await getBranchSettings(s.control, branch.id);
      const nextVersion = (row?.version ?? 0) + 1;
      const policy = DeadlinePolicySchema.parse({ ...c.req.valid("json"), version: nextVersion });
      const result = await updateBranchSettings(s.control, {
        branchId: branch.id,
        expectedVersion: expected,
        settings: { ...(row?.settings ?? {}), policy },
        by: c.var.actor.staffId,
        now: s.now(),
      });
      if (!result.ok) throw new StaleVersion(expected, result.currentVersion);
      forgetBranchSettings(branch.id);
      c.header("etag", etagOf(result.version));
      return c.json({ version: result.version, policy, commitments: describeCommitments(policy, c.var.locale) }, 200);
    },
  );
