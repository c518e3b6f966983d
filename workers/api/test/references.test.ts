import { env } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, subjectOf, tokenFor, seededCommunity } from "./helpers.ts";

// Every id a console body names must be the branch's own. Each route is sent binjiang's objects by a yangguang
// user: it answers 400 naming the field, exactly as for an id that exists nowhere, and writes nothing.
const C = "/api/v1/console";

interface Places {
  requestId: string;
  unitId: string;
  communityId: string;
  buildingId: string;
  staffId: string;
  attachmentId: string;
}

async function placesOf(branch: string): Promise<Places> {
  const community = await seededCommunity(branch);
  const dbs = openDatabases(env);
  const b = (await dbs.branch({ slug: branch }))!;
  // The seeded unit's building: another file's building could sort first, and be deleted meanwhile.
  const building = await dbs.control.$client.execute({
    sql: "select building_id as id from units where id = ? and branch_id = ?",
    args: [community.units[0]!.id, b.id],
  });
  const created = await call("POST", `/api/v1/public/branches/${branch}/requests`, {
    body: {
      kind: "repair",
      description: "楼道灯不亮,麻烦来看看",
      contact: { name: "测试", phone: "13900001111" },
      location: { area: "大堂" },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const png = Uint8Array.from(
    atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
    (ch) => ch.charCodeAt(0),
  );
  const upload = await call("POST", `/api/v1/public/branches/${branch}/attachments`, {
    rawBody: png as unknown as string,
    headers: { "content-type": "image/png" },
  });
  return {
    requestId: created.body.id,
    unitId: community.units[0]!.id,
    communityId: community.id,
    buildingId: String(building.rows[0]!.id),
    staffId: subjectOf(await tokenFor("agent", branch)),
    attachmentId: upload.body?.id ?? "att_none",
  };
}

let own: Places;
let other: Places;
let supervisor: string;
let manager: string;

beforeAll(async () => {
  [own, other] = await Promise.all([placesOf("yangguang"), placesOf("binjiang")]);
  supervisor = await tokenFor("serviceSupervisor");
  manager = await tokenFor("branchManager");
});

const notice = { title: "停水通知", body: "明天上午九点至十一点停水,请提前储水。", category: "services" };

describe("references across tenants", () => {
  it("a case may not cite another branch's request or photo", async () => {
    const body = { problem: "漏水反复", lesson: "先查上层防水", department: "工程部" };
    expectProblem(await call("POST", `${C}/cases`, { token: supervisor, body: { ...body, requestId: other.requestId } }), 400, "requestId");
    expectProblem(
      await call("POST", `${C}/cases`, { token: supervisor, body: { ...body, photos: [other.attachmentId] } }),
      400,
      "photos.0",
    );
    const fine = await call("POST", `${C}/cases`, { token: supervisor, body: { ...body, requestId: own.requestId } });
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    const list = await call("GET", `${C}/cases`, { token: supervisor });
    expect(JSON.stringify(list.body)).not.toContain(other.requestId);
  });

  it("a visitor slip may not name another branch's unit", async () => {
    const slip = { name: "访客乙", idType: "resident-id", idNumber: "11010519491231002X", hostContacted: true };
    const night = await tokenFor("nightManager");
    expectProblem(await call("POST", `${C}/visitors`, { token: night, body: { ...slip, hostUnitId: other.unitId } }), 400, "hostUnitId");
  });

  it("a forum meeting may not be held in another branch's community", async () => {
    const meeting = { heldAt: "2026-05-01T10:00:00+08:00", attendees: 12, minutes: "业主反映停车难", points: [{ text: "停车位不足" }] };
    expectProblem(
      await call("POST", `${C}/forum/meetings`, { token: supervisor, body: { ...meeting, communityId: other.communityId } }),
      400,
      "communityId",
    );
  });

  it("a notice's audience may not reach another branch's communities or buildings", async () => {
    for (const [path, body] of [
      [`${C}/notices`, notice],
      [`${C}/notices/emergency`, { title: notice.title, body: notice.body }],
    ] as const) {
      expectProblem(
        await call("POST", path, { token: manager, body: { ...body, audience: { communityIds: [own.communityId, other.communityId] } } }),
        400,
        "audience.communityIds.1",
      );
      expectProblem(
        await call("POST", path, { token: manager, body: { ...body, audience: { buildingIds: [other.buildingId] } } }),
        400,
        "audience.buildingIds.0",
      );
    }
    const listed = await call("GET", `${C}/notices`, { token: manager });
    expect(JSON.stringify(listed.body)).not.toContain("明天上午九点至十一点停水");
  });

  it("a request may not be handed over to another branch's colleague", async () => {
    const agent = await tokenFor("agent");
    const detail = await call("GET", `${C}/requests/${own.requestId}`, { token: agent });
    const res = await call("POST", `${C}/requests/${own.requestId}/handover`, {
      token: manager,
      body: { toStaffId: other.staffId },
      headers: { "if-match": `"${detail.body.version}"` },
    });
    expectProblem(res, 400, "toStaffId");
  });

  it("an id that exists nowhere gets the very same answer as another branch's", async () => {
    const body = { problem: "漏水反复", lesson: "先查上层防水", department: "工程部" };
    const foreign = await call("POST", `${C}/cases`, { token: supervisor, body: { ...body, requestId: other.requestId } });
    const unknown = await call("POST", `${C}/cases`, { token: supervisor, body: { ...body, requestId: "req_does_not_exist" } });
    expect(foreign.body.errors).toEqual(unknown.body.errors);
  });
});
