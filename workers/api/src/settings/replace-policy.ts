import { createRoute } from "@hono/zod-openapi";
import { DeadlinePolicyInputSchema, DeadlinePolicySchema, describeCommitments } from "@wuye/core";
import { etagOf, expectedVersion, IfMatchRequiredHeader } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { saveSettings } from "./save-settings.ts";
import { PolicyView } from "./settings-views.ts";

// The policy's own `version` is the settings version that introduced it; milestones record it, so a
// change applies to new milestones only and never rewrites history.

export const replacePolicyRoute = createRouter().openapi(
  createRoute({
    method: "put",
    path: "/settings/policy",
    tags: ["console"],
    summary: "Replace the deadline policy (validated, versioned; If-Match required)",
    security: [{ bearer: [] }],
    request: {
      headers: IfMatchRequiredHeader,
      body: { content: { "application/json": { schema: DeadlinePolicyInputSchema } }, required: true },
    },
    responses: {
      200: { description: "Saved", content: { "application/json": { schema: PolicyView } } },
      ...errorResponses,
      412: { description: "Someone changed the settings since you read them", content: problemContent },
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const { version, settings } = await saveSettings(
      c.var.services,
      c.var.actor,
      c.var.tenant.branch.id,
      expectedVersion(c.req.valid("header")["if-match"])!,
      (next) => ({
        policy: DeadlinePolicySchema.parse({ ...input, version: next }),
      }),
    );
    const policy = DeadlinePolicySchema.parse(settings.policy);
    c.header("etag", etagOf(version));
    return c.json({ version, policy, commitments: describeCommitments(policy, c.var.locale) }, 200);
  },
);
