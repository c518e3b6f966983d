import { z } from "@hono/zod-openapi";
import { type BranchSettings, SkillSchema } from "@wuye/core";

export const PolicyView = z.object({
  version: z.number(),
  policy: z.unknown(),
  commitments: z.array(z.object({ milestone: z.string(), text: z.string() })),
});

export const ListsView = z.object({
  version: z.number(),
  categories: z.array(z.unknown()),
  priceList: z.array(z.unknown()),
  skills: z.array(SkillSchema),
  publicDailyLimit: z.number(),
  smsDailyBudget: z.number(),
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
export function settingsView(version: number, s: BranchSettings) {
  const n = s.notifications;
  return {
    version,
    categories: s.categories,
    priceList: s.priceList,
    skills: s.skills,
    publicDailyLimit: s.publicDailyLimit,
    smsDailyBudget: s.smsDailyBudget,
    nightShift: s.nightShift,
    notifications: { quietHours: n.quietHours, webhook: n.webhook?.url ?? null, sms: n.sms?.url ?? null, email: n.email?.url ?? null },
    workflow: s.workflow,
  };
}
