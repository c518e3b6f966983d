import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId } from "@wuye/core";
import {
  appliedMigrations,
  backupBranch,
  createDatabase,
  createLibsqlClient,
  deleteBranch,
  migrate,
  migrationTags,
  restoreBackup,
  schema,
} from "@wuye/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ops, opsFor } from "../src/ops/context.ts";
import { formatReport, migrateAll } from "../src/ops/migrate-all.ts";
import { startTestDatabases, type TestDatabases } from "../src/testing.ts";
import { addRequests } from "./fixtures.ts";

let dbs: TestDatabases;
let ops: Ops;
let dir: string;
beforeAll(async () => {
  dbs = await startTestDatabases();
  ops = opsFor(dbs.host, dbs);
  dir = mkdtempSync(join(tmpdir(), "wuye-ops-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dbs.close();
});

const client = (url: string) => createLibsqlClient({ url, authToken: dbs.token });
const firstPlace = async (branchId: string) => {
  const [unit] = await ops.dbs.control.select().from(schema.control.units).where(eq(schema.control.units.branchId, branchId)).limit(1);
  return { unitId: unit!.id, communityId: unit!.communityId };
};
const withoutDbUrl = (file: Awaited<ReturnType<typeof backupBranch>>) => {
  const branches = file.control.branches!;
  const at = branches.columns.indexOf("db_url");
  return {
    ...file,
    exportedAt: "",
    control: { ...file.control, branches: { ...branches, rows: branches.rows.map((r) => r.filter((_, i) => i !== at)) } },
  };
};

describe("backup and restore of a branch", () => {
  it("deletes a branch and restores it from its backup into a new database, every row equal", async () => {
    const hupan = (await ops.dbs.branch({ slug: "hupan" }))!;
    await addRequests(ops.dbs.branchDb(hupan), hupan.trackingPrefix, await firstPlace(hupan.id), 5);
    const backup = await backupBranch(ops.dbs, hupan, Date.now());
    expect(backup.database.requests!.rows).toHaveLength(5);
    expect(backup.database.residents!.rows).toHaveLength(3);
    expect(backup.control.units!.rows.length).toBe(hupan.unitCount);
    expect(Object.keys(backup.control)).not.toContain("staff");
    expect(backup.migrations).toEqual(migrationTags("branch"));

    await deleteBranch({ host: ops.host, control: ops.dbs.control.$client, supervision: ops.dbs.supervision.$client, branch: hupan });
    const gone = await ops.dbs.control.$client.execute({ sql: "SELECT count(*) AS n FROM units WHERE branch_id = ?", args: [hupan.id] });
    expect(gone.rows[0]!.n).toBe(0);
    expect((await ops.dbs.control.$client.execute({ sql: "SELECT 1 FROM staff WHERE branch_id = ?", args: [hupan.id] })).rows).toEqual([]);
    await expect(client(hupan.dbUrl).execute("SELECT 1 FROM requests")).rejects.toThrow();

    const restored = await restoreBackup(ops.dbs, ops.host, JSON.parse(JSON.stringify(backup)));
    expect(restored).toMatchObject({ branchId: hupan.id, slug: "hupan", trackingPrefix: hupan.trackingPrefix, copy: false });
    const again = await backupBranch(ops.dbs, (await ops.dbs.branch({ slug: "hupan" }))!, Date.now());
    expect(withoutDbUrl(again)).toEqual(withoutDbUrl(backup));
    // The full-text register index is not in the file: its triggers rebuilt it as the requests loaded.
    const search = await client(restored.dbUrl).execute("SELECT count(*) AS n FROM request_search");
    expect(search.rows[0]!.n).toBe(5);
    const facts = await ops.dbs.supervision.$client.execute({
      sql: "SELECT count(*) AS n FROM request_facts WHERE branch_id = ?",
      args: [hupan.id],
    });
    expect(facts.rows[0]!.n).toBe(5);
  });

  it("restores a copy beside the original under a new slug: new ids, the same rows otherwise", async () => {
    const yg = (await ops.dbs.branch({ slug: "yangguang" }))!;
    await addRequests(ops.dbs.branchDb(yg), yg.trackingPrefix, await firstPlace(yg.id), 3);
    const backup = await backupBranch(ops.dbs, yg, Date.now());
    const copy = await restoreBackup(ops.dbs, ops.host, backup, { slug: "yangguang-copy", trackingPrefix: "YGC" });
    expect(copy.copy).toBe(true);
    expect(copy.branchId).not.toBe(yg.id);
    const copied = await backupBranch(ops.dbs, (await ops.dbs.branch({ slug: "yangguang-copy" }))!, Date.now());
    for (const [table, data] of Object.entries(backup.database)) expect(copied.database[table]!.rows.length, table).toBe(data.rows.length);
    const copyUnits = new Set(copied.control.units!.rows.map((r) => r[copied.control.units!.columns.indexOf("id")]));
    const requestUnit = copied.database.requests!.columns.indexOf("unit_id");
    for (const r of copied.database.requests!.rows) expect(copyUnits.has(r[requestUnit] as string)).toBe(true);
    // The original is untouched.
    expect(withoutDbUrl(await backupBranch(ops.dbs, yg, Date.now()))).toEqual(withoutDbUrl(backup));
  });

  it("refuses a taken slug, a file from an unknown schema, and garbage, creating nothing", async () => {
    const yg = (await ops.dbs.branch({ slug: "yangguang" }))!;
    const backup = await backupBranch(ops.dbs, yg, Date.now());
    await expect(restoreBackup(ops.dbs, ops.host, backup)).rejects.toMatchObject({ code: "conflict" });
    await expect(
      restoreBackup(ops.dbs, ops.host, { ...backup, migrations: ["9999_future"] }, { slug: "future", trackingPrefix: "FUT" }),
    ).rejects.toMatchObject({
      code: "bad_input",
    });
    await expect(restoreBackup(ops.dbs, ops.host, { hello: 1 })).rejects.toMatchObject({ code: "bad_input" });
    const evil = structuredClone(backup);
    evil.database.requests!.columns[0] = 'id") VALUES (1); DROP TABLE residents; --';
    await expect(restoreBackup(ops.dbs, ops.host, evil, { slug: "evil", trackingPrefix: "EVL" })).rejects.toMatchObject({
      code: "bad_input",
    });
    expect(await ops.dbs.branch({ slug: "evil" })).toBeNull();
    const list = (await fetch(`${dbs.serverUrl}/v1/databases`, { headers: { authorization: `Bearer ${dbs.token}` } }).then((r) =>
      r.json(),
    )) as {
      databases: Array<{ name: string }>;
    };
    expect(list.databases.map((d) => d.name)).not.toContain("branch-evil");
  });
});

describe("migrate every branch database", () => {
  it("migrates 50 branch databases, names the one that fails, and completes it on a rerun", async () => {
    const [org] = await ops.dbs.control.select().from(schema.control.organizations).limit(1);
    const tags = migrationTags("branch");
    const now = Date.now();
    const slugs = Array.from({ length: 50 }, (_, i) => `fleet-${String(i).padStart(2, "0")}`);
    for (const [i, slug] of slugs.entries()) {
      const db = await createDatabase(ops.host, `branch-${slug}`);
      await migrate(client(db.url), "branch", { until: tags[1]! });
      await ops.dbs.control.insert(schema.control.branches).values({
        id: newId("br"),
        orgId: org!.id,
        regionId: null,
        slug,
        trackingPrefix: `FL${i}`,
        name: `车队${i}`,
        nameEn: `Fleet ${i}`,
        servicePhone: "4008208820",
        complaintPhone: "4008208821",
        dbUrl: db.url,
        createdAt: now,
        updatedAt: now,
      });
    }
    // One database refuses every migration (as a full disk or a bad permission would).
    const broken = client(`${dbs.serverUrl}/db/branch-fleet-17/`);
    await broken.execute("CREATE TRIGGER refuse BEFORE INSERT ON __migrations BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END");

    const reportFile = join(dir, "report.json");
    const first = await migrateAll(ops, { reportFile });
    const failed = first.branches.filter((b) => b.status === "failed");
    expect(failed.map((b) => b.slug)).toEqual(["fleet-17"]);
    expect(failed[0]).toMatchObject({ before: tags[1], after: tags[1], error: expect.stringContaining("disk quota exceeded") });
    const fleet = first.branches.filter((b) => b.slug.startsWith("fleet-") && b.slug !== "fleet-17");
    expect(fleet).toHaveLength(49);
    for (const b of fleet) expect(b).toMatchObject({ status: "migrated", before: tags[1], after: tags.at(-1) });
    expect(first.branches.find((b) => b.slug === "binjiang")).toMatchObject({ status: "current" });
    expect(formatReport(first)).toMatch(/1 failed \(fleet-17\)/);
    expect(JSON.parse(readFileSync(reportFile, "utf8"))).toEqual(first);

    await broken.execute("DROP TRIGGER refuse");
    const rerun = await migrateAll(ops, { reportFile, resume: true });
    expect(rerun.branches.filter((b) => b.status === "failed")).toEqual([]);
    expect(rerun.branches.find((b) => b.slug === "fleet-17")).toMatchObject({ status: "migrated", after: tags.at(-1) });
    expect(formatReport(rerun)).toMatch(/0 failed/);
    for (const slug of slugs) expect(await appliedMigrations(client(`${dbs.serverUrl}/db/branch-${slug}/`))).toEqual(tags);
  });
});
