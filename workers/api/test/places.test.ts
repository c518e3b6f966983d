import { describe, expect, it } from "vitest";
import { call, expectProblem, seededCommunity, tokenFor, uniqueIp } from "./helpers.ts";

const base = "/api/v1/console/places";
const ifMatch = (v: number) => ({ "if-match": `"${v}"` });
const suffix = () => Math.random().toString(36).slice(2, 8);

async function newTree(manager: string) {
  const community = await call("POST", `${base}/communities`, { token: manager, body: { name: `测试小区${suffix()}` } });
  expect(community.status, JSON.stringify(community.body)).toBe(201);
  const building = await call("POST", `${base}/buildings`, { token: manager, body: { communityId: community.body.id, name: "9栋" } });
  expect(building.status, JSON.stringify(building.body)).toBe(201);
  const unit = await call("POST", `${base}/units`, {
    token: manager,
    body: { buildingId: building.body.id, entrance: "1单元", number: "1101", area: 120.5 },
  });
  expect(unit.status, JSON.stringify(unit.body)).toBe(201);
  const lobby = await call("POST", `${base}/public-areas`, {
    token: manager,
    body: { communityId: community.body.id, buildingId: building.body.id, kind: "lobby", name: "9栋大堂" },
  });
  expect(lobby.status, JSON.stringify(lobby.body)).toBe(201);
  return { community: community.body, building: building.body, unit: unit.body, lobby: lobby.body };
}

describe("places (branch manager)", () => {
  it("creates, reads, changes and deletes communities, buildings, units and public areas", async () => {
    const manager = await tokenFor("branchManager");
    const t = await newTree(manager);
    expect(t.unit).toMatchObject({ entrance: "1单元", number: "1101", area: 120.5, communityId: t.community.id, version: 1 });
    const list = await call("GET", base, { token: await tokenFor("agent") });
    expect(list.status).toBe(200);
    expect(list.body.units.find((u: { id: string }) => u.id === t.unit.id)).toMatchObject({ number: "1101", entrance: "1单元" });
    expect(list.body.publicAreas.map((p: { id: string }) => p.id)).toContain(t.lobby.id);

    const changed = await call("PATCH", `${base}/units/${t.unit.id}`, { token: manager, body: { area: 99 }, headers: ifMatch(1) });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ area: 99, version: 2 });
    expectProblem(await call("PATCH", `${base}/units/${t.unit.id}`, { token: manager, body: { area: 98 }, headers: ifMatch(1) }), 412);
    expectProblem(await call("DELETE", `${base}/units/${t.unit.id}`, { token: manager, headers: ifMatch(1) }), 412);

    const busy = await call("DELETE", `${base}/buildings/${t.building.id}`, { token: manager, headers: ifMatch(1) });
    expectProblem(busy, 409);
    expect(busy.body.detail).toContain("under it");
    expect((await call("DELETE", `${base}/units/${t.unit.id}`, { token: manager, headers: ifMatch(2) })).status).toBe(204);
    expect((await call("DELETE", `${base}/public-areas/${t.lobby.id}`, { token: manager, headers: ifMatch(1) })).status).toBe(204);
    expect((await call("DELETE", `${base}/buildings/${t.building.id}`, { token: manager, headers: ifMatch(1) })).status).toBe(204);
    expectProblem(await call("GET", `/api/v1/public/branches/yangguang/places/${t.building.id}`), 404);
  });

  it("refuses to delete a place that a request names, with a clear message", async () => {
    const manager = await tokenFor("branchManager");
    const t = await newTree(manager);
    const req = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: { kind: "repair", description: "大堂灯不亮", contact: { name: "业主", phone: "13811112222" }, location: { unitId: t.unit.id } },
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const refused = await call("DELETE", `${base}/units/${t.unit.id}`, { token: manager, headers: ifMatch(1) });
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/1 request\(s\) name this unit/);
  });

  it("answers 403 to other roles, 404 for another branch's place, 400 naming the field", async () => {
    const manager = await tokenFor("branchManager");
    const t = await newTree(manager);
    for (const role of ["agent", "technician", "serviceSupervisor"]) {
      expectProblem(await call("POST", `${base}/communities`, { token: await tokenFor(role), body: { name: "x" } }), 403);
      expectProblem(
        await call("PATCH", `${base}/units/${t.unit.id}`, { token: await tokenFor(role), body: { area: 1 }, headers: ifMatch(1) }),
        403,
      );
    }
    const other = await tokenFor("branchManager", "binjiang");
    expectProblem(
      await call("PATCH", `${base}/buildings/${t.building.id}`, { token: other, body: { name: "x" }, headers: ifMatch(1) }),
      404,
    );
    expectProblem(await call("DELETE", `${base}/units/${t.unit.id}`, { token: other, headers: ifMatch(1) }), 404);
    expectProblem(
      await call("POST", `${base}/units`, { token: other, body: { buildingId: t.building.id, number: "1" } }),
      400,
      "buildingId",
    );
    expectProblem(
      await call("POST", `${base}/units`, { token: manager, body: { buildingId: t.building.id, number: "1", area: -3 } }),
      400,
      "area",
    );
    expectProblem(
      await call("POST", `${base}/public-areas`, { token: manager, body: { communityId: t.community.id, kind: "spaceship", name: "x" } }),
      400,
      "kind",
    );
    expectProblem(
      await call("POST", `${base}/units`, { token: manager, body: { buildingId: t.building.id, number: "1101" } }),
      409,
      "number",
    );
    expectProblem(await call("PATCH", `${base}/units/${t.unit.id}`, { token: manager, body: { area: 1 } }), 400, "if-match");
  });
});

describe("import from a spreadsheet", () => {
  const header = ["楼栋", "单元", "房号", "面积", "业主姓名", "电话"];
  const sheet = (n: number, phoneBase: number) =>
    Array.from({ length: n }, (_, i) => [
      `${Math.floor(i / 20) + 1}栋`,
      "1单元",
      `${100 + i}`,
      "88.5",
      `业主${i}`,
      `136${String(phoneBase + i).padStart(8, "0")}`,
    ]);

  it("reports every bad line and field in a dry run, writes nothing until fixed, then imports; a re-import is idempotent", async () => {
    const manager = await tokenFor("branchManager");
    const community = await call("POST", `${base}/communities`, { token: manager, body: { name: `导入小区${suffix()}` } });
    const rows = sheet(40, Math.floor(Math.random() * 9e7));
    const bad = [...rows];
    bad[7] = ["1栋", "1单元", "", "abc", "坏行", "123"];
    const dry = await call("POST", `${base}/import`, { token: manager, body: { communityId: community.body.id, rows: [header, ...bad] } });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual(["9:number", "9:area", "9:phone"]);
    const refused = await call("POST", `${base}/import`, {
      token: manager,
      body: { communityId: community.body.id, rows: [header, ...bad], dryRun: false },
    });
    expectProblem(refused, 400, "rows.9.number");
    const after = await call("GET", base, { token: manager });
    expect(after.body.units.filter((u: { communityId: string }) => u.communityId === community.body.id)).toHaveLength(0);

    const ok = await call("POST", `${base}/import`, {
      token: manager,
      body: { communityId: community.body.id, rows: [header, ...rows], dryRun: false },
    });
    expect(ok.body).toMatchObject({ errors: [], buildingsCreated: 2, unitsCreated: 40, unitsUpdated: 0, owners: 40 });
    const again = await call("POST", `${base}/import`, {
      token: manager,
      body: { communityId: community.body.id, rows: [header, ...rows], dryRun: false },
    });
    expect(again.body).toMatchObject({ buildingsCreated: 0, unitsCreated: 0, unitsUpdated: 40 });
    const places = await call("GET", base, { token: manager });
    const units = places.body.units.filter((u: { communityId: string }) => u.communityId === community.body.id);
    expect(units).toHaveLength(40);
    expect(units[0]).toMatchObject({ entrance: "1单元", area: 88.5 });
    // The owners are the branch's resident records (branch database), each on its unit.
    const residents = await call("GET", "/api/v1/console/residents?limit=200", { token: manager });
    expect(residents.status, JSON.stringify(residents.body)).toBe(200);
    const unitIds = new Set(units.map((u: { id: string }) => u.id));
    const owners = residents.body.items.filter((r: { unitId: string | null }) => r.unitId && unitIds.has(r.unitId));
    expect(owners.length).toBe(40);
    expect(owners.map((r: { name: string }) => r.name)).toContain("业主0");
  });

  it("refuses the wrong role and a community of another branch", async () => {
    const rows = [header, ["1栋", "", "101", "", "", ""]];
    expectProblem(await call("POST", `${base}/import`, { token: await tokenFor("agent"), body: { rows } }), 403);
    const other = await seededCommunity("binjiang");
    expectProblem(
      await call("POST", `${base}/import`, {
        token: await tokenFor("branchManager"),
        body: { communityId: other.id, rows },
      }),
      400,
      "communityId",
    );
    expectProblem(await call("POST", `${base}/import`, { token: await tokenFor("branchManager"), body: { rows: [["x"]] } }), 400, "rows");
  });
});

describe("QR posters (扫码报修)", () => {
  it("a request from a building's poster records the channel qr and the place", async () => {
    const manager = await tokenFor("branchManager");
    const t = await newTree(manager);
    const place = await call("GET", `/api/v1/public/branches/yangguang/places/${t.building.id}`);
    expect(place.body).toEqual({
      id: t.building.id,
      kind: "building",
      name: "9栋",
      communityId: t.community.id,
      communityName: t.community.name,
    });
    expectProblem(await call("GET", `/api/v1/public/branches/binjiang/places/${t.building.id}`), 404);
    const created = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      headers: { "cf-connecting-ip": uniqueIp() },
      body: {
        kind: "repair",
        description: "9栋电梯按钮失灵",
        contact: { name: "扫码业主", phone: "13822223333" },
        location: { area: "9栋", placeId: t.building.id },
        channel: "qr",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const detail = await call("GET", `/api/v1/console/requests/${created.body.id}`, { token: await tokenFor("agent") });
    expect(detail.body).toMatchObject({ channel: "qr", communityId: t.community.id, area: "9栋" });
    const refused = await call("DELETE", `${base}/buildings/${t.building.id}`, { token: manager, headers: ifMatch(1) });
    expectProblem(refused, 409);
    const otherBuilding = (await call("GET", base, { token: await tokenFor("branchManager", "binjiang") })).body.buildings[0].id;
    expectProblem(
      await call("POST", "/api/v1/public/branches/yangguang/requests", {
        body: {
          kind: "repair",
          description: "x",
          contact: { name: "a", phone: "13822223334" },
          location: { area: "x", placeId: otherBuilding },
          channel: "qr",
        },
      }),
      400,
      "location.placeId",
    );
  });
});
