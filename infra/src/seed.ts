import { type BranchRole, hashPassword, newId, type Role } from "@wuye/core";
import { type ControlDb, createBranchDb, schema } from "@wuye/db";
import { eq } from "drizzle-orm";
import { type DatabaseHost, databaseToken } from "./database-host.ts";
import { type BranchInput, provisionBranch } from "./provision.ts";

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  branch: string | null;
}

export const DEMO_PASSWORD = "Demo@2026";

const BRANCHES: Array<Omit<BranchInput, "id" | "orgId" | "regionId"> & { inRegion: boolean; communities: string[] }> = [
  {
    slug: "yangguang",
    trackingPrefix: "YGHY",
    name: "阳光花园管理处",
    nameEn: "Sunshine Garden",
    servicePhone: "021-55550101",
    complaintPhone: "021-55550102",
    inRegion: true,
    communities: ["阳光花园一期", "阳光花园二期"],
  },
  {
    slug: "binjiang",
    trackingPrefix: "BJY",
    name: "滨江苑管理处",
    nameEn: "Riverside Court",
    servicePhone: "021-55550201",
    complaintPhone: "021-55550202",
    inRegion: true,
    communities: ["滨江苑"],
  },
  {
    slug: "hupan",
    trackingPrefix: "HPJ",
    name: "湖畔居管理处",
    nameEn: "Lakeside Residence",
    servicePhone: "0571-55550301",
    complaintPhone: "0571-55550302",
    inRegion: false,
    communities: ["湖畔居东区", "湖畔居西区"],
  },
];

const BRANCH_STAFF: Array<{ role: BranchRole; key: string; name: string; skills?: string[] }> = [
  { role: "agent", key: "agent", name: "王小丽" },
  { role: "agent", key: "agent2", name: "陈静" },
  { role: "serviceSupervisor", key: "supervisor", name: "李敏" },
  { role: "engineeringSupervisor", key: "engineering", name: "张建国" },
  { role: "technician", key: "tech", name: "刘师傅", skills: ["plumbing", "electrical"] },
  { role: "technician", key: "tech2", name: "赵师傅", skills: ["carpentry", "waterproofing", "general"] },
  { role: "branchManager", key: "manager", name: "周经理" },
  { role: "nightManager", key: "night", name: "吴值班" },
];

const DEMO_RESIDENTS = [
  { name: "林业主", phone: "13800138001" },
  { name: "黄女士", phone: "13900139002" },
  { name: "郑先生", phone: "13700137003" },
];

/** Seeds organization `demo` once (skips when present) and returns the demo logins. */
export async function seedDemo(host: DatabaseHost, control: ControlDb): Promise<DemoLogin[]> {
  const now = Date.now();
  const logins: DemoLogin[] = [];
  const [existing] = await control.select().from(schema.control.organizations).where(eq(schema.control.organizations.slug, "demo"));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgId = existing?.id ?? newId("org");
  if (!existing) {
    await control
      .insert(schema.control.organizations)
      .values({ id: orgId, slug: "demo", name: "示范物业管理有限公司", createdAt: now, updatedAt: now });
  }
  const [region] = await control.select().from(schema.control.regions).where(eq(schema.control.regions.orgId, orgId));
  const regionId = region?.id ?? newId("rgn");
  if (!region)
    await control.insert(schema.control.regions).values({ id: regionId, orgId, name: "华东片区", createdAt: now, updatedAt: now });

  const addStaff = async (
    email: string,
    name: string,
    role: Role,
    branchId: string | null,
    branchSlug: string | null,
    scope: string | null,
    skills: string[] = [],
  ) => {
    await control
      .insert(schema.control.staff)
      .values({
        id: newId("stf"),
        orgId,
        branchId,
        regionId: scope,
        email,
        name,
        role,
        skills,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    logins.push({ email, password: DEMO_PASSWORD, role, branch: branchSlug });
  };

  await addStaff("hq@demo.example", "总部督导 孙平", "hqSupervisor", null, null, null);
  await addStaff("region@demo.example", "片区督导 钱进", "regionSupervisor", null, null, regionId);
  await addStaff("admin@demo.example", "集团系统管理员 周全", "orgAdmin", null, null, null);

  for (const b of BRANCHES) {
    const [row] = await control.select().from(schema.control.branches).where(eq(schema.control.branches.slug, b.slug));
    const branchId = row?.id ?? newId("br");
    const { dbUrl } = await provisionBranch(host, control, {
      id: branchId,
      orgId,
      regionId: b.inRegion ? regionId : null,
      slug: b.slug,
      trackingPrefix: b.trackingPrefix,
      name: b.name,
      nameEn: b.nameEn,
      servicePhone: b.servicePhone,
      complaintPhone: b.complaintPhone,
    });
    if (!row) await seedPlaces(control, branchId, b.communities, now);
    for (const s of BRANCH_STAFF) await addStaff(`${s.key}@${b.slug}.demo.example`, s.name, s.role, branchId, b.slug, null, s.skills);
    if (!row) {
      const db = createBranchDb({ url: dbUrl, authToken: databaseToken(host) });
      const units = await control
        .select()
        .from(schema.control.units)
        .where(eq(schema.control.units.branchId, branchId))
        .limit(DEMO_RESIDENTS.length);
      await db.insert(schema.branch.residents).values(
        DEMO_RESIDENTS.map((r, i) => ({
          id: newId("res"),
          ...r,
          unitId: units[i]?.id ?? null,
          verifiedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
  }
  return logins;
}

async function seedPlaces(control: ControlDb, branchId: string, communities: string[], now: number) {
  let unitCount = 0;
  for (const communityName of communities) {
    const communityId = newId("cmt");
    await control
      .insert(schema.control.communities)
      .values({ id: communityId, branchId, name: communityName, createdAt: now, updatedAt: now });
    for (let b = 1; b <= 3; b++) {
      const buildingId = newId("bld");
      await control
        .insert(schema.control.buildings)
        .values({ id: buildingId, communityId, name: `${b}栋`, createdAt: now, updatedAt: now });
      const unitRows = [];
      for (let floor = 1; floor <= 6; floor++) {
        for (let door = 1; door <= 2; door++) {
          unitRows.push({
            id: newId("unit"),
            buildingId,
            branchId,
            communityId,
            number: `${floor}0${door}`,
            createdAt: now,
            updatedAt: now,
          });
        }
      }
      await control.insert(schema.control.units).values(unitRows);
      unitCount += unitRows.length;
    }
  }
  await control.update(schema.control.branches).set({ unitCount }).where(eq(schema.control.branches.id, branchId));
}
