import type { BranchProfile } from "../api/types.ts";
import { call } from "./api.ts";
import { useQuery } from "./query.ts";

/** A branch's public profile (categories, units, price list, commitments), shared by the portal and the console. */
export function useProfile(branch: string | null | undefined) {
  return useQuery<BranchProfile>(branch ? `profile:${branch}` : null, () => call<BranchProfile>(`/public/branches/${branch}`), { staleMs: 60_000 });
}
