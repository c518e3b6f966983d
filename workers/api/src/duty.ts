import { DUTY_ROLES, type DutyCandidate, dutyOwner, type NightShift, type Role } from "@wuye/core";
import { staffOfBranch } from "@wuye/db";
import { isolateCache } from "./isolate-cache.ts";
import type { Services } from "./services.ts";

const staffCache = isolateCache<DutyCandidate[]>(10_000);

/** The staff member on duty at `at`, who owns portal requests until someone takes them. */
export async function dutyOwnerAt(
  s: Services,
  branch: { id: string; timeZone: string },
  shift: NightShift,
  at: number,
): Promise<string | null> {
  const candidates = await staffCache.get(branch.id, async () =>
    (await staffOfBranch(s.control, branch.id, DUTY_ROLES)).map((r) => ({ id: r.id, role: r.role as Role })),
  );
  return dutyOwner(candidates, at, branch.timeZone, shift);
}
