import { readFileSync } from "node:fs";
import { join } from "node:path";
import { verifyPassword } from "@wuye/core";
import { appliedMigrations, createLibsqlClient, forgetCachedBranches, migrationTags, schema } from "@wuye/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ops, opsFor } from "../src/ops/context.ts";
import { parseOrgFile } from "../src/ops/org-file.ts";
import { provisionOrganization } from "../src/ops/provision-org.ts";
import { startTestDatabases, type TestDatabases } from "../src/testing.ts";

let dbs: TestDatabases;
let ops: Ops;
beforeAll(async () => {
  dbs = await startTestDatabases({ seed: false });
  ops = opsFor(dbs.host, dbs);
});
afterAll(async () => dbs.close());

const example = readFileSync(join(import.meta.dirname, "..", "examples", "organization.yaml"), "utf8");
const counts = async () => {
  const out: Record<string, unknown> = {};
  for (const t of ["organizations", "regions", "branches", "communities", "buildings", "units", "staff", "branch_settings"]) {
    out[t] = (await ops.dbs.control.$client.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n;
  }
  return out;
};

describe("provision an organization from one file", () => {
  it("creates the organization, its regions, branches (databases migrated), places and staff", async () => {
    const { created } = await provisionOrganization(ops, parseOrgFile(example));
    expect(created).toEqual({ organizations: 1, regions: 1, branches: 2, communities: 2, buildings: 3, units: 8, staff: 3 });
    const guiyuan = (await ops.dbs.branch({ slug: "lvcheng-guiyuan" }))!;
    expect(guiyuan).toMatchObject({ trackingPrefix: "LCGY", unitCount: 6, status: "active", servicePhone: "400-820-1234" });
    expect(guiyuan.regionId).not.toBeNull();
    expect((await ops.dbs.branch({ slug: "lvcheng-haian" }))!.regionId).toBeNull();
    expect(await appliedMigrations(createLibsqlClient({ url: guiyuan.dbUrl, authToken: dbs.token }))).toEqual(migrationTags("branch"));
    const [manager] = await ops.dbs.control
      .select()
      .from(schema.control.staff)
      .where(eq(schema.control.staff.email, "manager@guiyuan.lvcheng.example"));
    expect(manager).toMatchObject({ role: "branchManager", branchId: guiyuan.id, phone: "13912345678" });
    expect(await verifyPassword("Change-me-2026", manager!.passwordHash ?? "")).toBe(true);
    const [region] = await ops.dbs.control
      .select()
      .from(schema.control.staff)
      .where(eq(schema.control.staff.email, "region@lvcheng.example"));
    expect(region).toMatchObject({ role: "regionSupervisor", branchId: null, regionId: guiyuan.regionId });
  });

  it("is idempotent: a second run creates nothing and changes no count", async () => {
    const before = await counts();
    const { created } = await provisionOrganization(ops, parseOrgFile(example));
    expect(Object.values(created).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("adds only what a grown file adds", async () => {
    const grown = example.replace('units: ["101", "102"]', 'units: ["101", "102", "103"]');
    const { created } = await provisionOrganization(ops, parseOrgFile(grown));
    expect(created).toEqual({ organizations: 0, regions: 0, branches: 0, communities: 0, buildings: 0, units: 1, staff: 0 });
    forgetCachedBranches(); // the directory caches branch rows for 30 s
    expect((await ops.dbs.branch({ slug: "lvcheng-guiyuan" }))!.unitCount).toBe(7);
  });

  it("refuses a file with bad fields or dangling names, naming each", () => {
    expect(() => parseOrgFile("organization: {slug: X}")).toThrow(/organization\.slug/);
    expect(() => parseOrgFile(example.replace("region: 华南片区\n    communities", "region: 不存在\n    communities"))).toThrow(
      /no region 不存在/,
    );
    expect(() => parseOrgFile(example.replace("branch: lvcheng-guiyuan", "branch: nowhere"))).toThrow(/no branch nowhere/);
    expect(() => parseOrgFile(example.replace("trackingPrefix: LCHA", "trackingPrefix: 海岸"))).toThrow(/trackingPrefix/);
  });
});
