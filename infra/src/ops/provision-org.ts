import { hashPassword, isBranchRole, newId, randomToken } from "@wuye/core";
import { type ControlDb, provisionBranch, schema } from "@wuye/db";
import { and, count, eq } from "drizzle-orm";
import type { Ops } from "./context.ts";
import type { OrgFile } from "./org-file.ts";

const { organizations, regions, branches, communities, buildings, units, staff } = schema.control;

export type Tally = Record<"organizations" | "regions" | "branches" | "communities" | "buildings" | "units" | "staff", number>;

/** Finds a row by its natural key or inserts it; counts only what it inserted. */
async function ensure<T extends { id: string }>(
  find: () => Promise<T | undefined>,
  insert: (id: string) => Promise<unknown>,
  make: () => string,
  onNew: () => void,
): Promise<string> {
  const found = await find();
  if (found) return found.id;
  const id = make();
  await insert(id);
  onNew();
  return id;
}

/**
 * Creates what the file lists and is missing: organization by slug, regions by name, branches by slug (each
 * with its database, provisioned and migrated), communities by name, buildings by name, units by number,
 * staff by email. Running it again changes nothing and reports zero created.
 */
export async function provisionOrganization(ops: Ops, file: OrgFile): Promise<{ created: Tally; orgId: string }> {
  const db: ControlDb = ops.dbs.control;
  const now = Date.now();
  const created: Tally = { organizations: 0, regions: 0, branches: 0, communities: 0, buildings: 0, units: 0, staff: 0 };
  const first = <T>(rows: T[]) => rows[0];
  const orgId = await ensure(
    async () => first(await db.select().from(organizations).where(eq(organizations.slug, file.organization.slug))),
    (id) => db.insert(organizations).values({ id, ...file.organization, createdAt: now, updatedAt: now }),
    () => newId("org"),
    () => created.organizations++,
  );
  const regionIds = new Map<string, string>();
  for (const r of file.regions) {
    const id = await ensure(
      async () =>
        first(
          await db
            .select()
            .from(regions)
            .where(and(eq(regions.orgId, orgId), eq(regions.name, r.name))),
        ),
      (id) => db.insert(regions).values({ id, orgId, name: r.name, createdAt: now, updatedAt: now }),
      () => newId("rgn"),
      () => created.regions++,
    );
    regionIds.set(r.name, id);
  }
  const branchIds = new Map<string, string>();
  for (const { communities: places, region, ...b } of file.branches) {
    const existing = first(await db.select().from(branches).where(eq(branches.slug, b.slug)));
    if (existing && existing.orgId !== orgId) throw new Error(`branch ${b.slug} belongs to another organization`);
    const branchId = existing?.id ?? newId("br");
    if (!existing) {
      await provisionBranch(ops.host, db, { ...b, id: branchId, orgId, regionId: region ? regionIds.get(region)! : null }, { fresh: true });
      created.branches++;
    }
    branchIds.set(b.slug, branchId);
    for (const c of places) {
      const communityId = await ensure(
        async () =>
          first(
            await db
              .select()
              .from(communities)
              .where(and(eq(communities.branchId, branchId), eq(communities.name, c.name))),
          ),
        (id) => db.insert(communities).values({ id, branchId, name: c.name, createdAt: now, updatedAt: now }),
        () => newId("cmt"),
        () => created.communities++,
      );
      for (const bl of c.buildings) {
        const buildingId = await ensure(
          async () =>
            first(
              await db
                .select()
                .from(buildings)
                .where(and(eq(buildings.communityId, communityId), eq(buildings.name, bl.name))),
            ),
          (id) => db.insert(buildings).values({ id, communityId, name: bl.name, createdAt: now, updatedAt: now }),
          () => newId("bld"),
          () => created.buildings++,
        );
        const have = new Set(
          (await db.select({ number: units.number }).from(units).where(eq(units.buildingId, buildingId))).map((u) => u.number),
        );
        const missing = [...new Set(bl.units)].filter((n) => !have.has(n));
        for (let i = 0; i < missing.length; i += 200) {
          await db
            .insert(units)
            .values(
              missing
                .slice(i, i + 200)
                .map((number) => ({ id: newId("unit"), buildingId, branchId, communityId, number, createdAt: now, updatedAt: now })),
            );
        }
        created.units += missing.length;
      }
    }
    const [n] = await db.select({ n: count() }).from(units).where(eq(units.branchId, branchId));
    await db
      .update(branches)
      .set({ unitCount: n?.n ?? 0 })
      .where(eq(branches.id, branchId));
  }
  for (const s of file.staff) {
    const email = s.email.toLowerCase();
    if (first(await db.select({ id: staff.id }).from(staff).where(eq(staff.email, email)))) continue;
    await db.insert(staff).values({
      id: newId("stf"),
      orgId,
      branchId: isBranchRole(s.role) && s.branch ? branchIds.get(s.branch)! : null,
      regionId: s.region ? regionIds.get(s.region)! : null,
      email,
      name: s.name,
      phone: s.phone ?? null,
      role: s.role,
      skills: s.skills,
      passwordHash: await hashPassword(s.password ?? randomToken(24)),
      createdAt: now,
      updatedAt: now,
    });
    created.staff++;
  }
  return { created, orgId };
}
