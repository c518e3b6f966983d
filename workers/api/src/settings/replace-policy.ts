import { DeadlinePolicyInputSchema, DeadlinePolicySchema, describeCommitments } from "@wuye/core";
import { PolicyView } from "./settings-views.ts";
import { settingsWriteRoute } from "./settings-write-route.ts";

// The policy's own `version` is the settings version that introduced it; milestones record it, so a
// change applies to new milestones only and never rewrites history.

export const replacePolicyRoute = settingsWriteRoute({
  method: "put",
  path: "/settings/policy",
  summary: "Replace the deadline policy (validated, versioned; If-Match required)",
  body: DeadlinePolicyInputSchema,
  answer: PolicyView,
  change: (input, next) => ({ policy: DeadlinePolicySchema.parse({ ...input, version: next }) }),
  view: (version, settings, locale) => {
    const policy = DeadlinePolicySchema.parse(settings.policy);
    return { version, policy, commitments: describeCommitments(policy, locale) };
  },
});
