import { type Actor, StaleVersion } from "@wuye/core";
import { findStaffById, getBranchSettings, updateBranchSettings } from "@wuye/db";
import { forgetBranchSettings } from "../branch-settings.ts";
import { iso } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import type { Services } from "../services.ts";

/** Read, change one part, write a new version if nobody else did meanwhile (412 otherwise, saying whose change won). */
export async function saveSettings(
  s: Services,
  actor: Actor,
  branchId: string,
  expected: number,
  change: (nextVersion: number, current: Record<string, unknown>) => Record<string, unknown>,
) {
  requirePermission(actor, "settings.write");
  const row = await getBranchSettings(s.control, branchId);
  const settings = { ...(row?.settings ?? {}), ...change((row?.version ?? 0) + 1, row?.settings ?? {}) };
  const result = await updateBranchSettings(s.control, { branchId, expectedVersion: expected, settings, by: actor.staffId, now: s.now() });
  if (!result.ok) {
    const won = await getBranchSettings(s.control, branchId);
    const by = won?.updatedBy ? await findStaffById(s.control, won.updatedBy) : null;
    throw new StaleVersion(expected, result.currentVersion, { changedBy: by?.name ?? null, changedAt: won ? iso(won.updatedAt) : null });
  }
  forgetBranchSettings(branchId);
  return { version: result.version, settings };
}
