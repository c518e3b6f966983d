import type { Role } from "../auth/role.ts";
import { isNightShift, type NightShift } from "../frontdesk/visitor.ts";

export interface DutyCandidate {
  id: string;
  role: Role;
}

/** Who holds the service center's duty, in order: by night the night duty manager first. */
const DAY_ORDER: readonly Role[] = ["serviceSupervisor", "branchManager", "nightManager", "agent"];
const NIGHT_ORDER: readonly Role[] = ["nightManager", "serviceSupervisor", "branchManager", "agent"];
/** The roles that can hold the duty (what the worker loads for `dutyOwner`). */
export const DUTY_ROLES: Role[] = [...DAY_ORDER];

/**
 * 首问负责制 for requests nobody took yet (the portal): the staff member on duty owns them until someone
 * takes them, so nothing is ever without an owner. Among several of the same role the smallest id, so
 * the choice is stable. Null only for a branch with no active service staff at all.
 */
export function dutyOwner(candidates: readonly DutyCandidate[], at: number, timeZone: string, shift: NightShift): string | null {
  const order = isNightShift(at, timeZone, shift) ? NIGHT_ORDER : DAY_ORDER;
  for (const role of order) {
    const ids = candidates
      .filter((c) => c.role === role)
      .map((c) => c.id)
      .sort();
    if (ids[0]) return ids[0];
  }
  return null;
}

export type OwnershipChange = { take: true } | { take: false; reason: "already-owner" | "owned-by-someone" };

/**
 * Whether `staffId` taking the request makes them its owner: yes while it is still only held by the duty
 * (or has no owner); a request someone took moves only by an accepted hand-over.
 */
export function canTake(request: { ownerId: string | null; ownerByDuty: boolean }, staffId: string): OwnershipChange {
  if (request.ownerId === staffId) return { take: false, reason: "already-owner" };
  if (request.ownerId === null || request.ownerByDuty) return { take: true };
  return { take: false, reason: "owned-by-someone" };
}
