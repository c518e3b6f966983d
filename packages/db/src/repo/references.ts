import { and, eq, inArray } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { attachments, requests } from "../schema/branch.ts";
import { buildings, communities, staff, units } from "../schema/control.ts";

/** What a body may point at: the branch's own requests, photos, places and staff. */
export type ReferenceKind = "request" | "attachment" | "unit" | "community" | "building" | "staff";

/** One id in a body, with the field it came from (`audience.communityIds.2`). */
export interface Reference {
  kind: ReferenceKind;
  path: string;
  id: string;
}

type Lookup = (dbs: { branch: BranchDb; control: ControlDb }, branchId: string, ids: string[]) => Promise<Array<{ id: string }>>;

// Each answers which of the ids are the branch's own; an id of another branch and an unknown id look the same.
const OWN: Record<ReferenceKind, Lookup> = {
  request: (d, _b, ids) => d.branch.select({ id: requests.id }).from(requests).where(inArray(requests.id, ids)),
  attachment: (d, _b, ids) => d.branch.select({ id: attachments.id }).from(attachments).where(inArray(attachments.id, ids)),
  unit: (d, b, ids) =>
    d.control
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.branchId, b), inArray(units.id, ids))),
  community: (d, b, ids) =>
    d.control
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.branchId, b), inArray(communities.id, ids))),
  building: (d, b, ids) =>
    d.control
      .select({ id: buildings.id })
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(and(eq(communities.branchId, b), inArray(buildings.id, ids))),
  staff: (d, b, ids) =>
    d.control
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.branchId, b), eq(staff.active, true), inArray(staff.id, ids))),
};

/** The references that are not this branch's own: one query per kind named, none when nothing is referenced. */
export async function foreignReferences(
  dbs: { branch: BranchDb; control: ControlDb },
  branchId: string,
  refs: Reference[],
): Promise<Reference[]> {
  const kinds = [...new Set(refs.map((r) => r.kind))];
  const owned = await Promise.all(
    kinds.map(async (kind) => {
      const rows = await OWN[kind](dbs, branchId, [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))]);
      return rows.map((row) => `${kind}:${row.id}`);
    }),
  );
  const own = new Set(owned.flat());
  return refs.filter((r) => !own.has(`${r.kind}:${r.id}`));
}
