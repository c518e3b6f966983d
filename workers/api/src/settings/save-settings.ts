import { type Actor, StaleVersion } from "@wuye/core";
import { getBranchSettings, updateBranchSettings } from "@wuye/db";
import { forgetBranchSettings } from "../branch-settings.ts";
import { requirePermission } from "../middleware/auth.ts";
import type { Services } from "../services.ts";

/** Read, change one part, write a new version if nobody else did meanwhile (412 otherwise). */
export async function saveSettings(
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
