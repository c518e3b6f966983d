import { describe, expect, it } from "vitest";
import { call, expectProblem, loginOf, tokenFor } from "./helpers.ts";

const STRONG = "Qing-Shui-2046";
const randomPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const tokenOfLink = (link: string) => link.split("/invite/")[1]!;

/** A new member of yangguang invited by its manager, who sets a password from the link: their token. */
async function invitedMember(role = "agent", extra: Record<string, unknown> = {}) {
  const manager = await tokenFor("branchManager");
  const phone = randomPhone();
  const added = await call("POST", "/api/v1/console/staff", { token: manager, body: { name: "新同事", role, phone, ...extra } });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const set = await call("POST", "/api/v1/auth/password/set", {
    body: { token: tokenOfLink(added.body.invite.link), newPassword: STRONG },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  return { id: added.body.id as string, phone, token: set.body.accessToken as string, refresh: set.body.refreshToken as string, manager };
}

describe("staff administration (branch manager)", () => {
  it("adds a member with the published shape and an invite link; lists them", async () => {
    const manager = await tokenFor("branchManager");
    const phone = randomPhone();
    const res = await call("POST", "/api/v1/console/staff", {
      token: manager,
      body: { name: "王小明", role: "technician", phone, email: `wang${phone}@example.cn`, skills: ["plumbing"] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^stf_/),
      name: "王小明",
      role: "technician",
      phone,
      active: true,
      invited: true,
    });
    expect(res.body.invite.link).toMatch(/\/invite\/[\w-]{20,}$/);
    const list = await call("GET", "/api/v1/console/staff", { token: manager });
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain("passwordHash");
  });

  it("refuses other roles (403), garbage naming the field (400), a used login name (409)", async () => {
    for (const role of ["agent", "serviceSupervisor", "technician"]) {
      expectProblem(
        await call("POST", "/api/v1/console/staff", {
          token: await tokenFor(role),
          body: { name: "x", role: "agent", phone: randomPhone() },
        }),
        403,
      );
      expectProblem(await call("GET", "/api/v1/console/staff", { token: await tokenFor(role) }), 403);
    }
    expectProblem(await call("GET", "/api/v1/console/staff", { token: await tokenFor("hqSupervisor", null) }), 403);
    const manager = await tokenFor("branchManager");
    expectProblem(
      await call("POST", "/api/v1/console/staff", { token: manager, body: { name: "x", role: "boss", phone: randomPhone() } }),
      400,
      "role",
    );
    expectProblem(
      await call("POST", "/api/v1/console/staff", { token: manager, body: { name: "x", role: "agent", phone: "12" } }),
      400,
      "phone",
    );
    expectProblem(await call("POST", "/api/v1/console/staff", { token: manager, body: { name: "x", role: "agent" } }), 400, "phone");
    expectProblem(
      await call("POST", "/api/v1/console/staff", { token: manager, body: { name: "x", role: "hqSupervisor", phone: randomPhone() } }),
      400,
      "role",
    );
    expectProblem(
      await call("POST", "/api/v1/console/staff", {
        token: manager,
        body: { name: "x", role: "agent", phone: randomPhone(), communities: ["cmt_nope"] },
      }),
      400,
      "communities.0",
    );
    const taken = loginOf("agent").email;
    expectProblem(
      await call("POST", "/api/v1/console/staff", { token: manager, body: { name: "x", role: "agent", email: taken } }),
      409,
      "email",
    );
  });

  it("another branch's member is not found (404)", async () => {
    const m = await invitedMember();
    const other = await tokenFor("branchManager", "binjiang");
    for (const action of ["deactivate", "reactivate", "invite", "reset-password"]) {
      expectProblem(await call("POST", `/api/v1/console/staff/${m.id}/${action}`, { token: other }), 404);
    }
    expectProblem(
      await call("PATCH", `/api/v1/console/staff/${m.id}`, { token: other, body: { name: "y" }, headers: { "if-match": '"1"' } }),
      404,
    );
  });

  it("changes a member under If-Match (stale 412, garbage 400)", async () => {
    const m = await invitedMember();
    const list = await call("GET", "/api/v1/console/staff", { token: m.manager });
    const version = list.body.items.find((s: { id: string }) => s.id === m.id).version;
    const path = `/api/v1/console/staff/${m.id}`;
    expectProblem(
      await call("PATCH", path, { token: m.manager, body: { name: "新名字" }, headers: { "if-match": `"${version + 5}"` } }),
      412,
    );
    expectProblem(
      await call("PATCH", path, { token: m.manager, body: { skills: ["Not A Code"] }, headers: { "if-match": `"${version}"` } }),
      400,
      "skills",
    );
    const ok = await call("PATCH", path, {
      token: m.manager,
      body: { name: "新名字", skills: ["electric"] },
      headers: { "if-match": `"${version}"` },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ name: "新名字", skills: ["electric"], version: version + 1 });
    expectProblem(await call("PATCH", path, { token: m.manager, body: { name: "again" }, headers: { "if-match": `"${version}"` } }), 412);
  });

  it("a deactivated member's token answers 401 on the very next request; reactivation lets them log in again", async () => {
    const m = await invitedMember();
    expect((await call("GET", "/api/v1/console/requests", { token: m.token })).status).toBe(200);
    const off = await call("POST", `/api/v1/console/staff/${m.id}/deactivate`, { token: m.manager });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: m.token }), 401);
    expectProblem(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: m.refresh } }), 401);
    expectProblem(await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: STRONG } }), 401);
    expectProblem(
      await call("POST", `/api/v1/console/staff/${m.id}/reactivate`, { token: m.manager, headers: { "if-match": '"1"' } }),
      412,
    );
    expect((await call("POST", `/api/v1/console/staff/${m.id}/reactivate`, { token: m.manager })).status).toBe(200);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: m.token }), 401);
    expect((await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: STRONG } })).status).toBe(200);
  });

  it("a manager cannot deactivate themselves (409)", async () => {
    const manager = await tokenFor("branchManager");
    const me = JSON.parse(atob(manager.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).sub;
    expectProblem(await call("POST", `/api/v1/console/staff/${me}/deactivate`, { token: manager }), 409);
  });

  it("a reset stops the old password and sessions at once; the link sets a new one", async () => {
    const m = await invitedMember();
    const reset = await call("POST", `/api/v1/console/staff/${m.id}/reset-password`, { token: m.manager });
    expect(reset.status, JSON.stringify(reset.body)).toBe(201);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: m.token }), 401);
    expectProblem(await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: STRONG } }), 401);
    const weak = await call("POST", "/api/v1/auth/password/set", { body: { token: tokenOfLink(reset.body.link), newPassword: "short" } });
    expectProblem(weak, 400, "newPassword");
    const set = await call("POST", "/api/v1/auth/password/set", {
      body: { token: tokenOfLink(reset.body.link), newPassword: "Hai-Tang-1987x" },
    });
    expect(set.status).toBe(200);
    expectProblem(
      await call("POST", "/api/v1/auth/password/set", { body: { token: tokenOfLink(reset.body.link), newPassword: "Hai-Tang-1987y" } }),
      400,
      "token",
    );
  });
});

describe("login names, passwords and sessions", () => {
  it("logs in by phone (with or without +86) and by email, with the same lockout", async () => {
    const m = await invitedMember("agent", { email: `li${Date.now()}@example.cn` });
    expect((await call("POST", "/api/v1/auth/login", { body: { email: m.phone, password: STRONG } })).status).toBe(200);
    expect((await call("POST", "/api/v1/auth/login", { body: { phone: `+86 ${m.phone}`, password: STRONG } })).status).toBe(200);
    expectProblem(await call("POST", "/api/v1/auth/login", { body: { phone: "not-a-phone", password: STRONG } }), 400, "phone");
    for (let i = 0; i < 5; i++)
      expectProblem(await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: "wrong" } }), 401);
    const locked = await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: STRONG } });
    expectProblem(locked, 429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits failures per IP across phone and email names", async () => {
    const ip = "10.250.1.1";
    for (let i = 0; i < 30; i++) {
      const body = i % 2 ? { phone: randomPhone(), password: "x" } : { email: `nobody${i}@example.cn`, password: "x" };
      await call("POST", "/api/v1/auth/login", { body, headers: { "cf-connecting-ip": ip } });
    }
    expectProblem(
      await call("POST", "/api/v1/auth/login", { body: { phone: randomPhone(), password: "x" }, headers: { "cf-connecting-ip": ip } }),
      429,
    );
  });

  it("forces a password change on the first login with a handed-over password", async () => {
    const manager = await tokenFor("branchManager");
    const phone = randomPhone();
    const added = await call("POST", "/api/v1/console/staff", {
      token: manager,
      body: { name: "首登", role: "agent", phone, initialPassword: "Chu-Ci-Mima-01" },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const first = await call("POST", "/api/v1/auth/login", { body: { phone, password: "Chu-Ci-Mima-01" } });
    expect(first.body.staff.mustChangePassword).toBe(true);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: first.body.accessToken }), 403);
    const body = { oldPassword: "Chu-Ci-Mima-01", newPassword: "Xin-De-Mima-02" };
    expectProblem(
      await call("POST", "/api/v1/auth/password", { token: first.body.accessToken, body: { ...body, oldPassword: "wrong" } }),
      400,
      "oldPassword",
    );
    expectProblem(
      await call("POST", "/api/v1/auth/password", { token: first.body.accessToken, body: { ...body, newPassword: "abcdefgh" } }),
      400,
      "newPassword",
    );
    const changed = await call("POST", "/api/v1/auth/password", { token: first.body.accessToken, body });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.staff.mustChangePassword).toBe(false);
    expect((await call("GET", "/api/v1/console/requests", { token: changed.body.accessToken })).status).toBe(200);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: first.body.accessToken }), 401);
  });

  it("logout ends that login's access token at once; another login of the member goes on", async () => {
    const m = await invitedMember();
    const other = await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: STRONG } });
    expect((await call("POST", "/api/v1/auth/logout", { body: { refreshToken: m.refresh } })).status).toBe(204);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: m.token }), 401);
    expect((await call("GET", "/api/v1/console/requests", { token: other.body.accessToken })).status).toBe(200);
  });

  it("a reused refresh token ends its login's access at once", async () => {
    const m = await invitedMember();
    const rotated = await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: m.refresh } });
    expect(rotated.status).toBe(200);
    expectProblem(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: m.refresh } }), 401);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: rotated.body.accessToken }), 401);
  });

  it("keeps the refresh token in an HttpOnly, Secure, SameSite=Strict cookie on the auth path; refresh and logout read it", async () => {
    const m = await invitedMember();
    const login = await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: STRONG } });
    const cookie = login.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/wuye_refresh=[\w-]+/);
    for (const attr of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"]) expect(cookie).toContain(attr);
    const pair = /wuye_refresh=([\w-]+)/.exec(cookie)![0];
    const refreshed = await call("POST", "/api/v1/auth/refresh", { headers: { cookie: pair } });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    const next = /wuye_refresh=([\w-]+)/.exec(refreshed.headers.get("set-cookie") ?? "")![0];
    expect((await call("POST", "/api/v1/auth/logout", { headers: { cookie: next } })).status).toBe(204);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: refreshed.body.accessToken }), 401);
    expectProblem(await call("POST", "/api/v1/auth/refresh", {}), 401);
  });

  it("forgot password: a code to the verified phone sets a new password; wrong codes count", async () => {
    const m = await invitedMember();
    const start = await call("POST", "/api/v1/auth/password/forgot", { body: { login: m.phone } });
    expect(start.status).toBe(202);
    expect(start.body.devCode).toMatch(/^\d{6}$/);
    const unknown = await call("POST", "/api/v1/auth/password/forgot", { body: { login: randomPhone() } });
    expect(unknown.status).toBe(202);
    expect(unknown.body.devCode).toBeUndefined();
    const wrong = start.body.devCode === "000000" ? "111111" : "000000";
    expectProblem(
      await call("POST", "/api/v1/auth/password/forgot/reset", { body: { login: m.phone, code: wrong, newPassword: "Wang-Ji-Mima-9" } }),
      400,
      "code",
    );
    const ok = await call("POST", "/api/v1/auth/password/forgot/reset", {
      body: { login: m.phone, code: start.body.devCode, newPassword: "Wang-Ji-Mima-9" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expectProblem(await call("GET", "/api/v1/console/requests", { token: m.token }), 401);
    expect((await call("POST", "/api/v1/auth/login", { body: { phone: m.phone, password: "Wang-Ji-Mima-9" } })).status).toBe(200);
  });
});

describe("organization users (orgAdmin)", () => {
  it("adds a head-office user and a branch's first manager; others get 403", async () => {
    const admin = await tokenFor("orgAdmin", null);
    const hq = await call("POST", "/api/v1/admin/users", {
      token: admin,
      body: { name: "总部新人", role: "hqSupervisor", phone: randomPhone() },
    });
    expect(hq.status, JSON.stringify(hq.body)).toBe(201);
    expect(hq.body.branchId).toBeNull();
    expectProblem(
      await call("POST", "/api/v1/admin/users", { token: admin, body: { name: "x", role: "regionSupervisor", phone: randomPhone() } }),
      400,
      "regionId",
    );
    expectProblem(
      await call("POST", "/api/v1/admin/users", {
        token: admin,
        body: { name: "x", role: "branchManager", phone: randomPhone(), branchId: "br_nope" },
      }),
      400,
      "branchId",
    );
    const list = await call("GET", "/api/v1/admin/users", { token: admin });
    expect(list.body.items.some((u: { id: string }) => u.id === hq.body.id)).toBe(true);
    expect(list.body.items.every((u: { role: string; branchId: string | null }) => !u.branchId || u.role === "branchManager")).toBe(true);
    for (const [role, branch] of [
      ["branchManager", "yangguang"],
      ["hqSupervisor", null],
    ] as const) {
      expectProblem(await call("GET", "/api/v1/admin/users", { token: await tokenFor(role, branch) }), 403);
    }
    expectProblem(await call("GET", "/api/v1/console/requests", { token: admin }), 403);
    const m = await invitedMember();
    expectProblem(await call("POST", `/api/v1/admin/users/${m.id}/deactivate`, { token: admin }), 404);
    const off = await call("POST", `/api/v1/admin/users/${hq.body.id}/deactivate`, { token: admin });
    expect(off.body.active).toBe(false);
  });
});
