import { BadInput, type NoticeAudience } from "@wuye/core";
import { type BranchRow, unitPlaces } from "@wuye/db";
import type { Services } from "../services.ts";

/** Audience ids must be the branch's own communities and buildings. */
export async function checkAudience(s: Services, branch: BranchRow, audience: NoticeAudience | undefined): Promise<void> {
  if (!audience) return;
  const places = await unitPlaces(s.control, branch.id);
  const cs = new Set(places.map((p) => p.communityId));
  const bs = new Set(places.map((p) => p.buildingId));
  const errors = [
    ...(audience.communityIds ?? []).flatMap((id, i) =>
      cs.has(id) ? [] : [{ path: `audience.communityIds.${i}`, message: "not a community of this branch" }],
    ),
    ...(audience.buildingIds ?? []).flatMap((id, i) =>
      bs.has(id) ? [] : [{ path: `audience.buildingIds.${i}`, message: "not a building of this branch" }],
    ),
  ];
  if (errors.length) throw new BadInput("unknown audience", errors);
}
