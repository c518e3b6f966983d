import { env } from "cloudflare:test";
import { hashPassword, newId } from "@wuye/core";
import { appliedMigrations, createLibsqlClient, migrationTags, openDatabases, schema } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, expectProblem, logins, tokenFor } from "./helpers.ts";

const dbs = openDatabases(env);
const PASSWORD = "Admin-test-2026";
let seq = 0;
/** A unique slug and prefix per call: test files share the databases. */
function branchInput(extra: Record<string, unknown> = {}) {
  seq += 1;
  const n = `${Date.now().toString(36).slice(-4)}${seq}`;
  return {
    slug: `adm-${n}`,
    name: `测试管理处${n}`,
    nameEn: `Test Branch ${n}`,
    trackingPrefix: `A${n.toUpperCase()}`.slice(0, 8),
    servicePhone: "400-820-8820",
    complaintPhone: "021-55559999",
    ...extra,
  };
}
const admin = () => tokenFor("orgAdmin", null);

async function createBranch(extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/v1/admin/branches", { token: await admin(), body: branchInput(extra) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; slug: string; trackingPrefix: string; status: string };
}

/** A staff member made directly in the control database (staff accounts are another screen's work). */
async function staffOf(orgId: string, branchId: string | null, role: string) {
  const email = `${role.toLowerCase()}-${newId("stf").slice(-8)}@admin-test.example`;
  const now = Date.now();
  await dbs.control.insert(schema.control.staff).values({
    id: newId("stf"),
    orgId,
    branchId,
    email,
    name: "测试员工",
    role,
    passwordHash: await hashPassword(PASSWORD, 1000),
    createdAt: now,
    updatedAt: now,
  });
  const res = await call("POST", "/api/v1/auth/login", { body: { email, password: PASSWORD } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.accessToken as string;
}

let phone = 0;
/** Intake limits count per phone and IP per day: each request from its own phone. */
const intake = (slug: string) => ({
  kind: "inquiry",
  description: `请问物业费怎么交 ${slug}`,
  contact: { name: "测试业主", phone: `1381${String(Date.now() % 10000).padStart(4, "0")}${String(++phone).padStart(3, "0")}` },
  location: { area: "大堂" },
});

describe("who may administer", () => {
  it("answers 401 without a token and 403 to every role but the organization administrator", async () => {
    expectProblem(await call("GET", "/api/v1/admin/branches"), 401);
    // One login per role, none of hupan's: the foundation test locks hupan's night manager out on purpose.
    const others = [...new Map(logins.filter((l) => l.role !== "orgAdmin" && l.branch !== "hupan").map((l) => [l.role, l])).values()];
    expect(others.length).toBe(8);
    for (const l of others) {
      const token = await tokenFor(l.role, l.branch);
      expectProblem(await call("GET", "/api/v1/admin/branches", { token }), 403);
      expectProblem(await call("GET", "/api/v1/admin/regions", { token }), 403);
      expectProblem(await call("POST", "/api/v1/admin/branches", { token, body: branchInput() }), 403);
    }
    const res = await call("GET", "/api/v1/admin/branches", { token: await admin() });
    expect(res.status).toBe(200);
    expect(res.body.items.map((b: { slug: string }) => b.slug)).toEqual(expect.arrayContaining(["yangguang", "binjiang", "hupan"]));
  });
});

describe("regions", () => {
  it("lists, creates, renames, and deletes only an empty region", async () => {
    const token = await admin();
    const list = await call("GET", "/api/v1/admin/regions", { token });
    const east = list.body.items.find((r: { name: string }) => r.name === "华东片区");
    expect(east.branches).toBeGreaterThanOrEqual(2);
    const created = await call("POST", "/api/v1/admin/regions", { token, body: { name: "华南片区" } });
    expect(created.status).toBe(201);
    const renamed = await call("POST", `/api/v1/admin/regions/${created.body.id}/rename`, { token, body: { name: "华南区" } });
    expect(renamed.body).toMatchObject({ id: created.body.id, name: "华南区", branches: 0 });
    expectProblem(await call("DELETE", `/api/v1/admin/regions/${east.id}`, { token }), 409);
    expect((await call("DELETE", `/api/v1/admin/regions/${created.body.id}`, { token })).status).toBe(204);
    expectProblem(await call("DELETE", `/api/v1/admin/regions/${created.body.id}`, { token }), 404);
    expectProblem(await call("POST", "/api/v1/admin/regions", { token, body: { name: "" } }), 400, "name");
    expectProblem(await call("POST", "/api/v1/admin/regions", { token, body: { name: "x", extra: 1 } }), 400, "extra");
  });
});

describe("branches", () => {
  it("creates a branch with its own migrated database; its portal opens and takes requests", async () => {
    const token = await admin();
    const east = (await call("GET", "/api/v1/admin/regions", { token })).body.items.find((r: { name: string }) => r.name === "华东片区");
    const input = branchInput({ regionId: east.id, trackingPrefix: "lks" });
    input.trackingPrefix = `L${input.slug.slice(-5).toUpperCase()}`.slice(0, 8).toLowerCase();
    const res = await call("POST", "/api/v1/admin/branches", { token, body: input });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      slug: input.slug,
      trackingPrefix: input.trackingPrefix.toUpperCase(),
      regionId: east.id,
      status: "active",
    });
    const row = await dbs.branch({ id: res.body.id });
    expect(row!.dbUrl).toContain(`/db/branch-${input.slug}/`);
    expect(await appliedMigrations(createLibsqlClient({ url: row!.dbUrl, authToken: env.LIBSQL_AUTH_TOKEN }))).toEqual(
      migrationTags("branch"),
    );
    const profile = await call("GET", `/api/v1/public/branches/${input.slug}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ slug: input.slug, status: "active", servicePhone: "400-820-8820" });
    const submitted = await call("POST", `/api/v1/public/branches/${input.slug}/requests`, { body: intake(input.slug) });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.trackingCode.startsWith(`${input.trackingPrefix.toUpperCase()}-`)).toBe(true);
  });

  it("refuses garbage naming the field, and a slug or prefix in use with 409", async () => {
    const token = await admin();
    const post = (body: unknown) => call("POST", "/api/v1/admin/branches", { token, body });
    expectProblem(await post({ ...branchInput(), slug: undefined }), 400, "slug");
    expectProblem(await post(branchInput({ slug: "Not A Slug" })), 400, "slug");
    expectProblem(await post(branchInput({ timeZone: "Mars/Olympus" })), 400, "timeZone");
    expectProblem(await post(branchInput({ servicePhone: "call us" })), 400, "servicePhone");
    expectProblem(await post(branchInput({ regionId: "rgn_nowhere000000000000000" })), 400, "regionId");
    expectProblem(await call("POST", "/api/v1/admin/branches", { token, rawBody: "{not json" }), 400);
    expectProblem(await post(branchInput({ slug: "yangguang" })), 409, "slug");
    expectProblem(await post(branchInput({ trackingPrefix: "YGHY" })), 409, "trackingPrefix");
    expect((await call("GET", "/api/v1/public/branches/not-a-slug")).status).toBe(404);
  });

  it("renames and moves a branch", async () => {
    const token = await admin();
    const b = await createBranch();
    const renamed = await call("POST", `/api/v1/admin/branches/${b.id}/rename`, { token, body: { name: "新名字管理处" } });
    expect(renamed.body).toMatchObject({ name: "新名字管理处", nameEn: expect.stringContaining("Test Branch") });
    expectProblem(await call("POST", `/api/v1/admin/branches/${b.id}/rename`, { token, body: {} }), 400, "name");
    const region = (await call("POST", "/api/v1/admin/regions", { token, body: { name: `片区${b.slug}` } })).body;
    expect((await call("POST", `/api/v1/admin/branches/${b.id}/move`, { token, body: { regionId: region.id } })).body.regionId).toBe(
      region.id,
    );
    expect((await call("POST", `/api/v1/admin/branches/${b.id}/move`, { token, body: { regionId: null } })).body.regionId).toBeNull();
    expectProblem(await call("POST", `/api/v1/admin/branches/${b.id}/move`, { token, body: {} }), 400, "regionId");
    expect((await call("GET", `/api/v1/public/branches/${b.slug}?lang=zh-CN`)).body.name).toBe("新名字管理处");
  });

  it("suspends a branch: console writes and public intake answer 423 branch_suspended, reads go on; resume reopens", async () => {
    const token = await admin();
    const b = await createBranch();
    const [org] = await dbs.control.select().from(schema.control.organizations).limit(1);
    const agent = await staffOf(org!.id, b.id, "agent");
    const consoleBody = { ...intake(b.slug), channel: "phone" };
    expect((await call("POST", "/api/v1/console/requests", { token: agent, body: consoleBody })).status).toBe(201);

    const suspended = await call("POST", `/api/v1/admin/branches/${b.id}/suspend`, { token });
    expect(suspended.body).toMatchObject({ status: "suspended", suspendedAt: expect.any(String) });
    expectProblem(await call("POST", `/api/v1/admin/branches/${b.id}/suspend`, { token }), 409);

    const write = await call("POST", "/api/v1/console/requests", { token: agent, body: consoleBody });
    expectProblem(write, 423);
    expect(write.body).toMatchObject({ type: "urn:wuye:problem:branch_suspended", branch: b.slug, branchStatus: "suspended" });
    expect((await call("GET", "/api/v1/console/requests", { token: agent })).status).toBe(200);
    const refused = await call("POST", `/api/v1/public/branches/${b.slug}/requests`, { body: intake(b.slug) });
    expectProblem(refused, 423);
    expect(refused.body.title).toBe("该管理处已暂停服务,暂不受理新的请求和修改");
    const profile = await call("GET", `/api/v1/public/branches/${b.slug}`);
    expect(profile.body.status).toBe("suspended");

    expect((await call("POST", `/api/v1/admin/branches/${b.id}/resume`, { token })).body).toMatchObject({
      status: "active",
      suspendedAt: null,
    });
    expect((await call("POST", "/api/v1/console/requests", { token: agent, body: consoleBody })).status).toBe(201);
    expect((await call("POST", `/api/v1/public/branches/${b.slug}/requests`, { body: intake(b.slug) })).status).toBe(201);
  });

  it("exports a branch, restores it as a copy under a new slug, and deletes with a typed confirmation", async () => {
    const token = await admin();
    const b = await createBranch();
    for (let i = 0; i < 3; i++)
      expect((await call("POST", `/api/v1/public/branches/${b.slug}/requests`, { body: intake(b.slug) })).status).toBe(201);
    const exported = await call("GET", `/api/v1/admin/branches/${b.id}/export`, { token });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain(`branch-${b.slug}-`);
    expect(exported.body).toMatchObject({ format: "wuye-branch-export", branch: { id: b.id, slug: b.slug } });
    expect(exported.body.database.requests.rows).toHaveLength(3);

    const slug = `${b.slug}-c`;
    const restore = (query: string, body: unknown) => call("POST", `/api/v1/admin/branches/restore${query}`, { token, body });
    const restored = await restore(`?slug=${slug}&trackingPrefix=RC${b.trackingPrefix.slice(-4)}`, exported.body);
    expect(restored.status, JSON.stringify(restored.body)).toBe(201);
    expect(restored.body).toMatchObject({ slug, copy: true });
    const copy = await call("GET", `/api/v1/admin/branches/${restored.body.id}/export`, { token });
    expect(copy.body.database.requests.rows).toEqual(exported.body.database.requests.rows);
    expectProblem(await restore("", exported.body), 409);
    expectProblem(await restore("?slug=Bad Slug", exported.body), 400, "slug");
    expectProblem(await restore("?slug=fresh-one", { format: "something else" }), 400, "format");

    expectProblem(await call("DELETE", `/api/v1/admin/branches/${b.id}`, { token, body: { confirm: "wrong" } }), 400, "confirm");
    expect((await call("DELETE", `/api/v1/admin/branches/${b.id}`, { token, body: { confirm: b.slug } })).status).toBe(204);
    expect((await call("GET", `/api/v1/public/branches/${b.slug}`)).status).toBe(404);
    const list = await call("GET", "/api/v1/admin/branches", { token });
    expect(list.body.items.map((x: { slug: string }) => x.slug)).not.toContain(b.slug);
    expect(list.body.items.map((x: { slug: string }) => x.slug)).toContain(slug);
  });
});

describe("another organization", () => {
  it("sees only its own branches and regions; ours answer 404 to it and theirs to us", async () => {
    const now = Date.now();
    const orgId = newId("org");
    const regionId = newId("rgn");
    const branchId = newId("br");
    await dbs.control
      .insert(schema.control.organizations)
      .values({ id: orgId, slug: `other-${now}`, name: "别家物业", createdAt: now, updatedAt: now });
    await dbs.control.insert(schema.control.regions).values({ id: regionId, orgId, name: "别家片区", createdAt: now, updatedAt: now });
    const theirs = branchInput();
    // A database that answers (yangguang's, read by nobody here): the health test, running beside this one,
    // probes every branch's database, and a dead URL would read as an outage.
    const answering = (await dbs.branch({ slug: "yangguang" }))!.dbUrl;
    await dbs.control
      .insert(schema.control.branches)
      .values({ ...theirs, id: branchId, orgId, regionId, dbUrl: answering, createdAt: now, updatedAt: now });
    const other = await staffOf(orgId, null, "orgAdmin");
    const ours = await admin();
    const yangguang = (await dbs.branch({ slug: "yangguang" }))!;

    const theirList = await call("GET", "/api/v1/admin/branches", { token: other });
    expect(theirList.body.items.map((b: { slug: string }) => b.slug)).toEqual([theirs.slug]);
    expect((await call("GET", "/api/v1/admin/regions", { token: other })).body.items.map((r: { id: string }) => r.id)).toEqual([regionId]);
    for (const [token, id] of [
      [other, yangguang.id],
      [ours, branchId],
    ] as const) {
      expectProblem(await call("POST", `/api/v1/admin/branches/${id}/rename`, { token, body: { name: "x" } }), 404);
      expectProblem(await call("POST", `/api/v1/admin/branches/${id}/suspend`, { token }), 404);
      expectProblem(await call("GET", `/api/v1/admin/branches/${id}/export`, { token }), 404);
      expectProblem(await call("DELETE", `/api/v1/admin/branches/${id}`, { token, body: { confirm: "yangguang" } }), 404);
    }
    expectProblem(await call("POST", `/api/v1/admin/regions/${regionId}/rename`, { token: ours, body: { name: "x" } }), 404);
    expectProblem(await call("POST", `/api/v1/admin/branches/${yangguang.id}/move`, { token: other, body: { regionId } }), 404);
    expectProblem(await call("POST", "/api/v1/admin/branches", { token: ours, body: branchInput({ regionId }) }), 400, "regionId");
    const ourExport = await call("GET", `/api/v1/admin/branches/${yangguang.id}/export`, { token: ours });
    expectProblem(
      await call("POST", "/api/v1/admin/branches/restore?slug=stolen&trackingPrefix=STL", { token: other, body: ourExport.body }),
      400,
    );
    expect(yangguang.status).toBe("active");
  });
});
