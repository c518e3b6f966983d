import { and, count, eq } from "drizzle-orm";
import type { ControlDb } from "../client/index.ts";
import { branches, regions, staff } from "../schema/control.ts";
import type { BranchRow } from "./branch-directory.ts";

export type RegionRow = typeof regions.$inferSelect;

/** An organization's regions with how many branches each holds. */
export async function listRegions(db: ControlDb, orgId: string) {
  const [rows, counts] = await Promise.all([
    db.select().from(regions).where(eq(regions.orgId, orgId)).orderBy(regions.name),
    db.select({ regionId: branches.regionId, n: count() }).from(branches).where(eq(branches.orgId, orgId)).groupBy(branches.regionId),
  ]);
  return rows.map((r) => ({ ...r, branches: counts.find((c) => c.regionId === r.id)?.n ?? 0 }));
}

/** One region of the organization, or null (another organization's region is not found either). */
export async function findRegion(db: ControlDb, orgId: string, id: string): Promise<RegionRow | null> {
  const [row] = await db
    .select()
    .from(regions)
    .where(and(eq(regions.id, id), eq(regions.orgId, orgId)))
    .limit(1);
  return row ?? null;
}

export async function insertRegion(db: ControlDb, row: { id: string; orgId: string; name: string; now: number }) {
  await db.insert(regions).values({ id: row.id, orgId: row.orgId, name: row.name, createdAt: row.now, updatedAt: row.now });
}

export async function renameRegion(db: ControlDb, id: string, name: string, now: number) {
  await db.update(regions).set({ name, updatedAt: now }).where(eq(regions.id, id));
}

/** What still points at a region: it can be deleted only when both are zero. */
export async function regionUsage(db: ControlDb, id: string): Promise<{ branches: number; staff: number }> {
  const [[b], [s]] = await Promise.all([
    db.select({ n: count() }).from(branches).where(eq(branches.regionId, id)),
    db.select({ n: count() }).from(staff).where(eq(staff.regionId, id)),
  ]);
  return { branches: b?.n ?? 0, staff: s?.n ?? 0 };
}

export async function deleteRegion(db: ControlDb, id: string) {
  await db.delete(regions).where(eq(regions.id, id));
}

export async function listOrgBranches(db: ControlDb, orgId: string): Promise<BranchRow[]> {
  return db.select().from(branches).where(eq(branches.orgId, orgId)).orderBy(branches.slug);
}

export async function findOrgBranch(db: ControlDb, orgId: string, id: string): Promise<BranchRow | null> {
  const [row] = await db
    .select()
    .from(branches)
    .where(and(eq(branches.id, id), eq(branches.orgId, orgId)))
    .limit(1);
  return row ?? null;
}

/** Names, region or status of a branch; returns the row as it is now. */
export async function updateBranch(
  db: ControlDb,
  id: string,
  set: Partial<Pick<BranchRow, "name" | "nameEn" | "regionId" | "status" | "suspendedAt">> & { updatedAt: number },
): Promise<BranchRow> {
  const [row] = await db.update(branches).set(set).where(eq(branches.id, id)).returning();
  return row!;
}
