import { isClosedStatus } from "../workflow/plan.ts";
import { can } from "./permission.ts";
import type { Role } from "./role.ts";

type Who = { staffId: string; role: Role };
type Seen = { kind: string; status: string; assigneeId: string | null };

/**
 * Whether a staff member may open a request at all. Everyone who reads the register may; a technician only
 * the repairs assigned to them (SCREENS.md "Technician": no register, no complaints). Others get 404.
 */
export function mayReadRequest(who: Who, r: Seen): boolean {
  if (can(who.role, "request.readAll")) return true;
  return can(who.role, "request.read") && r.kind === "repair" && r.assigneeId === who.staffId;
}

/**
 * Whether the resident's phone is shown in full. A technician sees it only while the job is theirs and open;
 * everyone else with `request.readResident` always (the read is audited).
 */
export function mayReadResidentPhone(who: Who, r: Seen): boolean {
  if (!can(who.role, "request.readResident") || !mayReadRequest(who, r)) return false;
  if (can(who.role, "request.readAll")) return true;
  return !isClosedStatus(r.status);
}
