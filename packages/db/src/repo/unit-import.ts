import { newId } from "@wuye/core";
import { eq, sql } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { residents } from "../schema/branch.ts";
import { buildings, communities, units } from "../schema/control.ts";
import { setUnitCount } from "./places.ts";

export interface UnitImportRow {
  community: string;
  building: string;
  entrance: string | null;
  number: string;
  area: number | null;
  owner: { name: string; phone: string } | null;
}

export interface UnitImportReport {
  communitiesCreated: number;
  buildingsCreated: number;
  unitsCreated: number;
  unitsUpdated: number;
  owners: number;
}

const CHUNK = 500;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Writes checked rows: communities by name, buildings by community + name and units by building + number are
 * found or created (a re-import changes nothing but entrance and area); owners become the branch's resident
 * records (branch database, matched by phone). `dryRun` computes the same report without writing.
 */
export async function importUnits(
  control: ControlDb,
  branchDb: BranchDb,
  c: { branchId: string; rows: UnitImportRow[]; now: number; dryRun: boolean },
): Promise<UnitImportReport> {
  const { branchId, now } = c;
  const [cs, bs, us] = await Promise.all([
    control.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.branchId, branchId)),
    control
      .select({ id: buildings.id, name: buildings.name, communityId: buildings.communityId })
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(eq(communities.branchId, branchId)),
    control.select({ id: units.id, buildingId: units.buildingId, number: units.number }).from(units).where(eq(units.branchId, branchId)),
  ]);
  const communityIds = new Map(cs.map((x) => [x.name, x.id]));
  const buildingIds = new Map(bs.map((x) => [`${x.communityId}|${x.name}`, x.id]));
  const unitIds = new Map(us.map((x) => [`${x.buildingId}|${x.number}`, x.id]));
  const newCommunities: Array<typeof communities.$inferInsert> = [];
  const newBuildings: Array<typeof buildings.$inferInsert> = [];
  const unitRows: Array<typeof units.$inferInsert> = [];
  const owners: Array<typeof residents.$inferInsert> = [];
  let unitsCreated = 0;

  for (const r of c.rows) {
    let communityId = communityIds.get(r.community);
    if (!communityId) {
      communityId = newId("cmt", now);
      communityIds.set(r.community, communityId);
      newCommunities.push({ id: communityId, branchId, name: r.community, createdAt: now, updatedAt: now });
    }
    const bKey = `${communityId}|${r.building}`;
    let buildingId = buildingIds.get(bKey);
    if (!buildingId) {
      buildingId = newId("bld", now);
      buildingIds.set(bKey, buildingId);
      newBuildings.push({ id: buildingId, communityId, name: r.building, createdAt: now, updatedAt: now });
    }
    const uKey = `${buildingId}|${r.number}`;
    let unitId = unitIds.get(uKey);
    if (!unitId) {
      unitId = newId("unit", now);
      unitIds.set(uKey, unitId);
      unitsCreated += 1;
    }
    unitRows.push({
      id: unitId,
      branchId,
      communityId,
      buildingId,
      number: r.number,
      entrance: r.entrance,
      area: r.area,
      createdAt: now,
      updatedAt: now,
    });
    if (r.owner) owners.push({ id: newId("res", now), name: r.owner.name, phone: r.owner.phone, unitId, createdAt: now, updatedAt: now });
  }
  const report = {
    communitiesCreated: newCommunities.length,
    buildingsCreated: newBuildings.length,
    unitsCreated,
    unitsUpdated: unitRows.length - unitsCreated,
    owners: owners.length,
  };
  if (c.dryRun) return report;

  const statements = [
    ...chunks(newCommunities).map((xs) => control.insert(communities).values(xs)),
    ...chunks(newBuildings).map((xs) => control.insert(buildings).values(xs)),
    ...chunks(unitRows).map((xs) =>
      control
        .insert(units)
        .values(xs)
        .onConflictDoUpdate({
          target: [units.buildingId, units.number],
          set: { entrance: sql`excluded.entrance`, area: sql`excluded.area`, updatedAt: now },
        }),
    ),
  ];
  const [first, ...rest] = statements;
  if (first) await control.batch([first, ...rest]);
  await setUnitCount(control, branchId);
  const ownerStatements = chunks(owners).map((xs) =>
    branchDb
      .insert(residents)
      .values(xs)
      .onConflictDoUpdate({
        target: residents.phone,
        set: {
          name: sql`CASE WHEN excluded.name <> '' THEN excluded.name ELSE ${residents.name} END`,
          unitId: sql`excluded.unit_id`,
          updatedAt: now,
        },
      }),
  );
  const [o1, ...orest] = ownerStatements;
  if (o1) await branchDb.batch([o1, ...orest]);
  return report;
}
