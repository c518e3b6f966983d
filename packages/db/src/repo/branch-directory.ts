import { eq } from "drizzle-orm";
import type { ControlDb } from "../client/index.ts";
import { branches, branchSettings, branchSettingsHistory, buildings, communities, units } from "../schema/control.ts";

export type BranchRow = typeof branches.$inferSelect;

export async function listBranches(db: ControlDb): Promise<BranchRow[]> {
  return db.select().from(branches).orderBy(branches.slug);
}

export async function findBranch(db: ControlDb, by: { id: string } | { slug: string } | { trackingPrefix: string }) {
  const where =
    "id" in by ? eq(branches.id, by.id) : "slug" in by ? eq(branches.slug, by.slug) : eq(branches.trackingPrefix, by.trackingPrefix);
  const [row] = await db.select().from(branches).where(where).limit(1);
  return row ?? null;
}

export async function getBranchSettings(db: ControlDb, branchId: string) {
  const [row] = await db.select().from(branchSettings).where(eq(branchSettings.branchId, branchId)).limit(1);
  return row ?? null;
}

export async function findUnit(db: ControlDb, unitId: string) {
  const [row] = await db.select().from(units).where(eq(units.id, unitId)).limit(1);
  return row ?? null;
}

/** A unit with the names it is written with: community, building (the register's "阳光花园一期 1栋502"). */
export async function findUnitPlace(db: ControlDb, unitId: string) {
  const [row] = await db
    .select({
      id: units.id,
      branchId: units.branchId,
      communityId: units.communityId,
      number: units.number,
      building: buildings.name,
      community: communities.name,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId))
    .where(eq(units.id, unitId))
    .limit(1);
  return row ? { ...row, label: `${row.community} ${row.building}${row.number}` } : null;
}

export async function findCommunity(db: ControlDb, communityId: string) {
  const [row] = await db.select().from(communities).where(eq(communities.id, communityId)).limit(1);
  return row ?? null;
}

/** Communities, buildings and units of a branch: the portal's address picker. */
export async function branchPlaces(db: ControlDb, branchId: string) {
  const [cs, us] = await Promise.all([
    db.select().from(communities).where(eq(communities.branchId, branchId)).orderBy(communities.name),
    db
      .select({
        id: units.id,
        number: units.number,
        communityId: units.communityId,
        buildingId: units.buildingId,
        building: buildings.name,
      })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(eq(units.branchId, branchId))
      .orderBy(buildings.name, units.number),
  ]);
  return cs.map((c) => ({
    id: c.id,
    name: c.name,
    units: us
      .filter((u) => u.communityId === c.id)
      .map((u) => ({ id: u.id, label: `${u.building}${u.number}`, buildingId: u.buildingId, building: u.building })),
  }));
}

/** A new settings version, only if the caller saw the current one; history keeps every version. */
export async function updateBranchSettings(
  db: ControlDb,
  c: { branchId: string; expectedVersion: number; settings: Record<string, unknown>; by: string; now: number },
): Promise<{ ok: true; version: number } | { ok: false; currentVersion: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(branchSettings).where(eq(branchSettings.branchId, c.branchId));
    const current = row?.version ?? 0;
    if (current !== c.expectedVersion) return { ok: false as const, currentVersion: current };
    const version = current + 1;
    await tx
      .insert(branchSettings)
      .values({ branchId: c.branchId, settings: c.settings, version, updatedAt: c.now, updatedBy: c.by })
      .onConflictDoUpdate({ target: branchSettings.branchId, set: { settings: c.settings, version, updatedAt: c.now, updatedBy: c.by } });
    await tx
      .insert(branchSettingsHistory)
      .values({ branchId: c.branchId, version, settings: c.settings, createdAt: c.now, createdBy: c.by });
    return { ok: true as const, version };
  });
}

/** Where each unit of a branch is (community and building): audiences and survey targets. */
export async function unitPlaces(control: ControlDb, branchId: string) {
  return control
    .select({ id: units.id, communityId: units.communityId, buildingId: units.buildingId })
    .from(units)
    .where(eq(units.branchId, branchId));
}
