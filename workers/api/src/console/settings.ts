import { createRoute, z } from "@hono/zod-openapi";
import {
  type Actor,
  BranchSettingsPatchSchema,
  DeadlinePolicyInputSchema,
  DeadlinePolicySchema,
  describeCommitments,
  StaleVersion,
} from "@wuye/core";
import type { Services } from "../services.ts";
import { getBranchSettings, updateBranchSettings } from "@wuye/db";
import { branchSettings, forgetBranchSettings } from "../branch-settings.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, ifMatchVersion } from "../http/version.ts";
import { requirePermission } from "../middleware/auth.ts";

const PolicyView = z.object({
  version: z.number(),
  policy: z.unknown(),
  commitments: z.array(z.object({ milestone: z.string(), text: z.string() })),
});

/** Read, change one part, write a new version if nobody else did meanwhile (412 otherwise). */
async function saveSettings(
  s: Services,
  actor: Actor,
  branchId: string,
  expected: number,
  change: (nextVersion: number) => Record<string, unknown>,
) {
  requirePermission(actor, "settings.write");
  const row = await getBranchSettings(s.control, branchId);
  const settings = { ...(row?.settings ?? {}), ...change((row?.version ?? 0) + 1) };
  const result = await updateBranchSettings(s.control, { branchId, expectedVersion: expected, settings, by: actor.staffId, now: s.now() });
  if (!result.ok) throw new StaleVersion(expected, result.currentVersion);
  forgetBranchSettings(branchId);
  return { version: result.version, settings };
}

const ListsInput = BranchSettingsPatchSchema;
const ListsView = z.object({
  version: z.number(),
  categories: z.array(z.unknown()),
  priceList: z.array(z.unknown()),
  publicDailyLimit: z.number(),
  nightShift: z.object({ from: z.string(), to: z.string() }),
  notifications: z.object({
    quietHours: z.object({ from: z.string(), to: z.string() }),
    webhook: z.string().nullable(),
    sms: z.string().nullable(),
    email: z.string().nullable(),
  }),
  workflow: z.object({ reopenOnUnsatisfied: z.boolean(), warrantyMonths: z.number() }),
});

/** Settings as shown to staff: provider URLs only, never their secrets or tokens. */
function settingsView(version: number, s: import("@wuye/core").BranchSettings) {
  const n = s.notifications;
  return {
    version,
    categories: s.categories,
    priceList: s.priceList,
    publicDailyLimit: s.publicDailyLimit,
    nightShift: s.nightShift,
    notifications: { quietHours: n.quietHours, webhook: n.webhook?.url ?? null, sms: n.sms?.url ?? null, email: n.email?.url ?? null },
    workflow: s.workflow,
  };
}

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
      request: {
        headers: z.object({ "if-match": z.string() }),
        body: { content: { "application/json": { schema: PolicyInput } }, required: true },
      },
      responses: {
        200: { description: "Saved", content: { "application/json": { schema: PolicyView } } },
        ...errorResponses,
        412: { description: "Someone changed the settings since you read them", content: problemContent },
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { version, settings } = await saveSettings(c.var.services, c.var.actor, c.var.tenant.branch.id, ifMatchVersion(c)!, (next) => ({
        policy: DeadlinePolicySchema.parse({ ...input, version: next }),
      }));
      const policy = DeadlinePolicySchema.parse(settings.policy);
      c.header("etag", etagOf(version));
      return c.json({ version, policy, commitments: describeCommitments(policy, c.var.locale) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/settings",
      tags: ["console"],
      summary: "The branch's settings: categories (urgent flags), price list, limits, night shift, notification channels",
      security: [{ bearer: [] }],
      responses: {
        200: { description: "Lists (ETag: settings version)", content: { "application/json": { schema: ListsView } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "settings.read");
      const { version, settings } = await branchSettings(c.var.services, c.var.tenant.branch.id);
      c.header("etag", etagOf(version));
      return c.json(settingsView(version, settings), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/settings",
      tags: ["console"],
      summary: "Replace parts of the settings (validated, versioned; If-Match required)",
      security: [{ bearer: [] }],
      request: {
        headers: z.object({ "if-match": z.string() }),
        body: { content: { "application/json": { schema: ListsInput } }, required: true },
      },
      responses: {
        200: { description: "Saved", content: { "application/json": { schema: ListsView } } },
        ...errorResponses,
        412: { description: "Someone changed the settings since you read them", content: problemContent },
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { version } = await saveSettings(c.var.services, c.var.actor, c.var.tenant.branch.id, ifMatchVersion(c)!, () => input);
      const { settings } = await branchSettings(c.var.services, c.var.tenant.branch.id);
      c.header("etag", etagOf(version));
      return c.json(settingsView(version, settings), 200);
    },
  );
