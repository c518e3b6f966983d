import { type BranchSettings, readBranchSettings, DEFAULT_POLICY, type DeadlinePolicy, DeadlinePolicySchema } from "@wuye/core";
import { getBranchSettings } from "@wuye/db";
import { isolateCache } from "./isolate-cache.ts";
import type { Services } from "./services.ts";

export interface EffectiveSettings {
  version: number;
  settings: BranchSettings;
  policy: DeadlinePolicy;
}

const cache = isolateCache<EffectiveSettings>(10_000);

/** A branch's settings and deadline policy, validated; cached briefly per isolate. */
export function branchSettings(s: Services, branchId: string): Promise<EffectiveSettings> {
  return cache.get(branchId, async () => {
    const row = await getBranchSettings(s.control, branchId);
    const raw = (row?.settings ?? {}) as Record<string, unknown>;
    const policy = raw.policy ? DeadlinePolicySchema.parse(raw.policy) : DEFAULT_POLICY;
    return { version: row?.version ?? 0, settings: readBranchSettings(raw), policy };
  });
}

export function forgetBranchSettings(branchId: string): void {
  cache.forget(branchId);
}
