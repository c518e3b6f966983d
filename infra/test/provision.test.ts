import { createControlDb, createLibsqlClient } from "@wuye/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostFromEnv } from "../src/database-host.ts";
import { seedDemo } from "../src/seed.ts";
import { startTestDatabases, type TestDatabases } from "../src/testing.ts";

let dbs: TestDatabases;
beforeAll(async () => {
  dbs = await startTestDatabases();
});
afterAll(async () => dbs.close());

describe("provisioning and seed", () => {
  it("seeds organization demo with three branches, every role and supervisors", async () => {
    const roles = new Set(dbs.logins.map((l) => l.role));
    expect([...roles].sort()).toEqual([
      "agent",
      "branchManager",
      "engineeringSupervisor",
      "hqSupervisor",
      "nightManager",
      "orgAdmin",
      "regionSupervisor",
      "serviceSupervisor",
      "technician",
    ]);
    expect(new Set(dbs.logins.map((l) => l.branch))).toEqual(new Set([null, "yangguang", "binjiang", "hupan"]));
    expect(dbs.logins.filter((l) => l.role === "orgAdmin")).toEqual([
      { email: "admin@demo.example", password: "Demo@2026", role: "orgAdmin", branch: null },
    ]);
    const control = createLibsqlClient({ url: dbs.controlUrl, authToken: dbs.token });
    const branches = await control.execute("select slug, region_id, unit_count from branches order by slug");
    expect(branches.rows.map((r) => r.slug)).toEqual(["binjiang", "hupan", "yangguang"]);
    expect(branches.rows.find((r) => r.slug === "hupan")!.region_id).toBeNull();
    for (const r of branches.rows) expect(Number(r.unit_count)).toBeGreaterThan(0);
  });

  it("gives each branch its own migrated database", async () => {
    for (const slug of ["yangguang", "binjiang", "hupan"]) {
      const client = createLibsqlClient({ url: `${dbs.serverUrl}/db/branch-${slug}/`, authToken: dbs.token });
      const tables = await client.execute("select name from sqlite_master where type = 'table' order by name");
      expect(tables.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(["requests", "request_events", "milestones", "outbox", "audit_log", "residents"]),
      );
      const residents = await client.execute("select count(*) as n from residents");
      expect(residents.rows[0]!.n).toBe(3);
    }
  });

  it("is idempotent: seeding again adds nothing", async () => {
    const again = await seedDemo(dbs.host, createControlDb({ url: dbs.controlUrl, authToken: dbs.token }));
    expect(again).toEqual(dbs.logins);
    const control = createLibsqlClient({ url: dbs.controlUrl, authToken: dbs.token });
    const staff = await control.execute("select count(*) as n from staff");
    expect(staff.rows[0]!.n).toBe(dbs.logins.length);
    const units = await control.execute("select count(*) as n from units");
    expect(Number(units.rows[0]!.n)).toBe(5 * 3 * 12);
  });

  it("chooses the database host from the environment", () => {
    expect(hostFromEnv({ LIBSQL_SERVER_URL: "http://127.0.0.1:1", LIBSQL_AUTH_TOKEN: "t" })).toEqual({
      kind: "local",
      serverUrl: "http://127.0.0.1:1",
      authToken: "t",
    });
    expect(hostFromEnv({ TURSO_ORG: "acme", TURSO_PLATFORM_TOKEN: "p", LIBSQL_AUTH_TOKEN: "g" })).toMatchObject({
      kind: "turso",
      organization: "acme",
      group: "default",
    });
    expect(() => hostFromEnv({ TURSO_ORG: "acme" })).toThrow(/TURSO_PLATFORM_TOKEN/);
    expect(() => hostFromEnv({})).toThrow();
  });
});
