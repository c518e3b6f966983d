import { Unauthenticated } from "@wuye/core";
import { sessionStateOf } from "@wuye/db";
import { isolateCache } from "../isolate-cache.ts";
import type { Services } from "../services.ts";

/**
 * Seconds, not minutes: an isolate that did not see a deactivation or logout itself honours the token at most
 * this long after it; the isolate that made the change forgets its entry at once.
 */
export const SESSION_STATE_TTL_MS = 5_000;
const states = isolateCache<{ active: boolean; sessionVersion: number } | null>(SESSION_STATE_TTL_MS);

/** The token's session must still be the member's current one, and the member active. */
export async function checkSession(s: Services, staffId: string, sessionVersion: number): Promise<void> {
  const state = await states.get(staffId, () => sessionStateOf(s.control, staffId));
  if (!state?.active) throw new Unauthenticated("account disabled");
  if (state.sessionVersion !== sessionVersion) throw new Unauthenticated("session ended");
}

export function forgetSession(staffId: string): void {
  states.forget(staffId);
}
