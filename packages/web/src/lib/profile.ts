import { answer, api } from "./api.ts";
import { setDisplayZone } from "./i18n.ts";
import { useQuery } from "./query.ts";

/**
 * A branch's public profile (categories, units, price list, commitments), shared by the portal and the console.
 * Times on screen are then shown in its zone.
 */
export function useProfile(branch: string | null | undefined) {
  const q = useQuery(
    branch ? `profile:${branch}` : null,
    () => answer(api.public.branches[":branch"].$get({ param: { branch: branch! } })),
    {
      staleMs: 60_000,
    },
  );
  if (q.data) setDisplayZone(q.data.timeZone);
  return q;
}

type Profile = import("../api/types.ts").BranchProfile | undefined;

/** Where a request is, as people say it: the public area as written, or "community unit". */
export function placeLabel(profile: Profile, r: { area: string | null; unitId: string | null }): string {
  if (r.area) return r.area;
  if (!r.unitId) return "—";
  for (const c of profile?.communities ?? []) {
    const u = c.units.find((x) => x.id === r.unitId);
    if (u) return `${c.name} ${u.label}`;
  }
  return "—";
}

/** A category's name in the branch's own list ("电梯故障"), never its code. */
export function categoryLabel(profile: Profile, code: string | null): string {
  if (!code) return "";
  return profile?.categories.find((c) => c.code === code)?.name ?? "";
}
