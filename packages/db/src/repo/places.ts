import { and, count, eq, inArray, or, sql } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { requests } from "../schema/branch.ts";
import { branches, buildings, communities, publicAreas, units } from "../schema/control.ts";

export type CommunityRow = typeof communities.$inferSelect;
export type BuildingRow = typeof buildings.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type PublicAreaRow = typeof publicAreas.$inferSelect;

const TABLES = { communities, buildings, units, "public-areas": publicAreas } as const;
export type PlaceTable = keyof typeof TABLES;

/** Everything a branch has, flat (the console builds the tree): four indexed reads. */
export async function placesOfBranch(db: ControlDb, branchId: string) {
  const [cs, bs, us, ps] = await Promise.all([
    db.select().from(communities).where(eq(communities.branchId, branchId)).orderBy(communities.name),
    db
      .select({ b: buildings })
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(eq(communities.branchId, branchId))
      .orderBy(buildings.name),
    db.select().from(units).where(eq(units.branchId, branchId)).orderBy(units.buildingId, units.entrance, units.number),
    db.select().from(publicAreas).where(eq(publicAreas.branchId, branchId)).orderBy(publicAreas.name),
  ]);
  return { communities: cs, buildings: bs.map((r) => r.b), units: us, publicAreas: ps };
}

/** One place with the branch it belongs to (a building's branch is its community's), or null. */
export async function findPlace(
  db: ControlDb,
  table: PlaceTable,
  id: string,
): Promise<{ row: Record<string, unknown>; branchId: string } | null> {
  if (table === "buildings") {
    const [r] = await db
      .select({ b: buildings, branchId: communities.branchId })
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(eq(buildings.id, id))
      .limit(1);
    return r ? { row: r.b, branchId: r.branchId } : null;
  }
  const t = TABLES[table];
  const [row] = await db.select().from(t).where(eq(t.id, id)).limit(1);
  return row ? { row, branchId: (row as { branchId: string }).branchId } : null;
}

export async function insertPlace(db: ControlDb, table: PlaceTable, row: Record<string, unknown>): Promise<void> {
  await db.insert(TABLES[table]).values(row as never);
}

/** A change only if the caller saw the current version. */
export async function updatePlace(db: ControlDb, table: PlaceTable, id: string, expected: number, set: Record<string, unknown>) {
  const t = TABLES[table];
  const res = await db
    .update(t)
    .set({ ...set, version: sql`${t.version} + 1` } as never)
    .where(and(eq(t.id, id), eq(t.version, expected)));
  return res.rowsAffected === 1;
}

export async function deletePlace(db: ControlDb, table: PlaceTable, id: string, expected: number): Promise<boolean> {
  const t = TABLES[table];
  const res = await db.delete(t).where(and(eq(t.id, id), eq(t.version, expected)));
  return res.rowsAffected === 1;
}

/** What still hangs under a place in the control database (deleting it would orphan them). */
export async function childrenOf(db: ControlDb, table: PlaceTable, id: string): Promise<number> {
  const n = async (q: Promise<Array<{ n: number }>>) => (await q)[0]?.n ?? 0;
  if (table === "communities") {
    return (
      (await n(db.select({ n: count() }).from(buildings).where(eq(buildings.communityId, id)))) +
      (await n(db.select({ n: count() }).from(publicAreas).where(eq(publicAreas.communityId, id))))
    );
  }
  if (table === "buildings") {
    return (
      (await n(db.select({ n: count() }).from(units).where(eq(units.buildingId, id)))) +
      (await n(db.select({ n: count() }).from(publicAreas).where(eq(publicAreas.buildingId, id))))
    );
  }
  return 0;
}

/** How many of the branch's requests name this unit, building, public area or community. */
export async function requestsPointingAt(db: BranchDb, ids: { unitIds?: string[]; placeIds?: string[]; communityIds?: string[] }) {
  const conds = [
    ids.unitIds?.length ? inArray(requests.unitId, ids.unitIds) : undefined,
    ids.placeIds?.length ? inArray(requests.placeId, ids.placeIds) : undefined,
    ids.communityIds?.length ? inArray(requests.communityId, ids.communityIds) : undefined,
  ].filter((c) => c !== undefined);
  if (!conds.length) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(requests)
    .where(or(...conds));
  return row?.n ?? 0;
}

export async function setUnitCount(db: ControlDb, branchId: string): Promise<void> {
  await db
    .update(branches)
    .set({ unitCount: sql`(SELECT count(*) FROM ${units} WHERE ${units.branchId} = ${branchId})` })
    .where(eq(branches.id, branchId));
}

/** The unit of a building with this number (a unit is matched by building + number). */
export async function findUnitByNumber(db: ControlDb, buildingId: string, number: string): Promise<UnitRow | null> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.buildingId, buildingId), eq(units.number, number)))
    .limit(1);
  return row ?? null;
}

/** A building or public area a QR poster can name (by its id prefix), with its branch and community. */
export async function findPosterPlace(db: ControlDb, id: string) {
  const table = id.startsWith("bld_") ? "buildings" : id.startsWith("pa_") ? "public-areas" : null;
  const found = table ? await findPlace(db, table, id) : null;
  if (!table || !found) return null;
  const row = found.row as { id: string; name: string; communityId: string };
  return {
    kind: table === "buildings" ? ("building" as const) : ("publicArea" as const),
    id: row.id,
    name: row.name,
    communityId: row.communityId,
    branchId: found.branchId,
  };
}
