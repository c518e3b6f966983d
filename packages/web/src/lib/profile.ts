import { answer, api } from "./api.ts";
import { useQuery } from "./query.ts";

/** A branch's public profile (categories, units, price list, commitments), shared by the portal and the console. */
export function useProfile(branch: string | null | undefined) {
  return useQuery(branch ? `profile:${branch}` : null, () => answer(api.public.branches[":branch"].$get({ param: { branch: branch! } })), {
    staleMs: 60_000,
  });
}
