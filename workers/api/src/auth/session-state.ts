import { Unauthenticated } from "@wuye/core";
import { familyRevoked, sessionStateOf } from "@wuye/db";
import { isolateCache } from "../isolate-cache.ts";
import type { Services } from "../services.ts";

/**
 * Seconds, not minutes: an isolate that did not see a deactivation or logout itself honours the token at most
 * this long after it; the isolate that made the change forgets its entry at once.
 */
export const SESSION_STATE_TTL_MS = 5_000;
const members = isolateCache<{ active: boolean; sessionVersion: number } | null>(SESSION_STATE_TTL_MS);
const families = isolateCache<boolean>(SESSION_STATE_TTL_MS);

/**
 * The token's member must be active and its session version current (deactivation, a password set and a role
 * change raise it), and its login not ended (logout and a reused refresh token revoke the family).
 */
export async function checkSession(s: Services, staffId: string, sessionVersion: number, familyId: string | null): Promise<void> {
  const [state, revoked] = await Promise.all([
    members.get(staffId, () => sessionStateOf(s.control, staffId)),
    familyId ? families.get(familyId, () => familyRevoked(s.control, familyId)) : false,
  ]);
  if (!state?.active) throw new Unauthenticated("account disabled");
  if (state.sessionVersion !== sessionVersion || revoked) throw new Unauthenticated("session ended");
}

export function forgetSession(staffId: string): void {
  members.forget(staffId);
}

export function forgetFamily(familyId: string): void {
  families.forget(familyId);
}
