import { type BranchSettings, readBranchSettings, DEFAULT_POLICY, type DeadlinePolicy, DeadlinePolicySchema } from "@wuye/core";
import { getBranchSettings } from "@wuye/db";
import type { Services } from "./services.ts";

export interface EffectiveSettings {
  version: number;
  settings: BranchSettings;
  policy: DeadlinePolicy;
}

const TTL_MS = 10_000;
const cache = new Map<string, { value: EffectiveSettings; at: number }>();

/** A branch's settings and deadline policy, validated; cached briefly per isolate. */
export async function branchSettings(s: Services, branchId: string): Promise<EffectiveSettings> {
  const hit = cache.get(branchId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const row = await getBranchSettings(s.control, branchId);
  const raw = (row?.settings ?? {}) as Record<string, unknown>;
  const settings = readBranchSettings(raw);
  const policy = raw.policy ? DeadlinePolicySchema.parse(raw.policy) : DEFAULT_POLICY;
  const value = { version: row?.version ?? 0, settings, policy };
  cache.set(branchId, { value, at: Date.now() });
  return value;
}

export function forgetBranchSettings(branchId: string): void {
  cache.delete(branchId);
}
