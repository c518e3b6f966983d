import { env } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, expectProblem, seededCommunity, tokenFor, uniqueIp } from "./helpers.ts";
import { freshPhone, verifiedResident } from "./residents.ts";

// What the front-desk screens rely on beyond the first front-desk api: the night rule in words, the resident linked
// on verification, survey recipients by place, a manager's emergency at once, editing drafts and handovers, search.
const C = "/api/v1/console";
const P = "/api/v1/public/branches";

/** Yangguang's places as the portal lists them: 阳光花园一期 and its 2栋301, and a unit of 阳光花园二期. */
async function places() {
  const profile = await call("GET", `${P}/yangguang`);
  // By name: other test files add communities to this branch while this one runs.
  const communities = profile.body.communities as Array<{
    id: string;
    name: string;
    units: Array<{ id: string; label: string; buildingId: string }>;
  }>;
  const one = communities.find((c) => c.name === "阳光花园一期");
  const two = communities.find((c) => c.name === "阳光花园二期");
  const unit301 = one!.units.find((u) => u.label === "2栋301")!;
  return { one: one!, two: two!, unit301, otherUnit: two!.units[0]! };
}

async function fileRequest(phone: string, name: string, unitId: string) {
  const res = await call("POST", `${P}/yangguang/requests`, {
    body: { kind: "repair", category: "door-window", description: `${name}家门锁坏了`, contact: { name, phone }, location: { unitId } },
    headers: { "cf-connecting-ip": uniqueIp() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; trackingCode: string };
}

describe("the night rule in words", () => {
  const slip = async () => ({
    name: "访客乙",
    idType: "passport",
    idNumber: "E12345678",
    hostUnitId: (await places()).unit301.id,
    hostContacted: true,
  });

  it("tells an agent at 21:00 why (the hours and who registers), in the reader's language; the night duty manager registers", async () => {
    const body = await slip();
    const agent = await tokenFor("agent");
    const zh = await call("POST", `${C}/visitors`, { token: agent, body, headers: { "x-clock-at": "2026-05-01T21:00:00+08:00" } });
    expectProblem(zh, 403);
    expect(zh.body.type).toBe("urn:wuye:problem:night_rule");
    expect(zh.body.title).toContain("夜间值班经理");
    expect(zh.body.detail).toContain("20:00");
    expect(zh.body.detail).toContain("08:00");
    expect(zh.body).toMatchObject({ rule: "night-visitor", from: "20:00", to: "08:00" });
    expect(zh.body.allowedRoles).toContain("nightManager");
    const en = await call("POST", `${C}/visitors`, {
      token: agent,
      body,
      headers: { "x-clock-at": "2026-05-02T07:59:00+08:00", "accept-language": "en" },
    });
    expect(en.body.type).toBe("urn:wuye:problem:night_rule");
    expect(en.body.detail).toContain("night duty manager");
    const night = await call("POST", `${C}/visitors`, {
      token: await tokenFor("nightManager"),
      body,
      headers: { "x-clock-at": "2026-05-01T21:00:00+08:00" },
    });
    expect(night.status, JSON.stringify(night.body)).toBe(201);
    // A role that never registers visitors is refused as such, not by the night rule.
    const tech = await call("POST", `${C}/visitors`, {
      token: await tokenFor("technician"),
      body,
      headers: { "x-clock-at": "2026-05-01T21:00:00+08:00" },
    });
    expectProblem(tech, 403);
    expect(tech.body.type).toBe("urn:wuye:problem:forbidden");
  });
});

describe("a resident who verifies through the portal", () => {
  it("is linked to the unit and name of the request filed with that phone, and the record shows the request", async () => {
    const { unit301 } = await places();
    const phone = freshPhone("1371");
    const filed = await fileRequest(phone, "冯女士", unit301.id);
    const resident = await verifiedResident("yangguang", phone);
    const agent = await tokenFor("agent");
    const record = await call("GET", `${C}/residents/${resident.id}`, { token: agent });
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    expect(record.body).toMatchObject({ name: "冯女士", unitId: unit301.id, verified: true });
    expect(record.body.requests.map((r: { id: string }) => r.id)).toContain(filed.id);

    // A later request from elsewhere does not move the record.
    await fileRequest(phone, "冯", (await places()).otherUnit.id);
    expect((await call("GET", `${C}/residents/${resident.id}`, { token: agent })).body).toMatchObject({
      name: "冯女士",
      unitId: unit301.id,
    });
  });

  it("keeps an empty record for a phone that never filed (nothing invented)", async () => {
    const resident = await verifiedResident();
    const record = await call("GET", `${C}/residents/${resident.id}`, { token: await tokenFor("agent") });
    expect(record.body).toMatchObject({ name: "", unitId: null, requests: [] });
  });

  it("is found in the archive by name, by the last 4 digits of the phone, and by the unit, masked", async () => {
    const { unit301 } = await places();
    const phone = freshPhone("1372");
    await fileRequest(phone, "档案测试甲", unit301.id);
    const resident = await verifiedResident("yangguang", phone);
    const agent = await tokenFor("agent");
    for (const q of ["档案测试甲", phone.slice(-4), "一期2栋301", "2栋301"]) {
      const res = await call("GET", `${C}/residents?q=${encodeURIComponent(q)}`, { token: agent });
      expect(res.status, q).toBe(200);
      const hit = res.body.items.find((r: { id: string }) => r.id === resident.id);
      expect(hit, q).toBeTruthy();
      expect(hit.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const none = await call("GET", `${C}/residents?q=${encodeURIComponent("没有这个人zz")}`, { token: agent });
    expect(none.body.items).toEqual([]);
    expectProblem(await call("GET", `${C}/residents?q=`, { token: agent }), 400, "q");
    expectProblem(await call("GET", `${C}/residents?q=x`, { token: await tokenFor("hqSupervisor", null) }), 403);
    // Every search is a look at the archive, on record.
    const branchId = (await openDatabases(env).branch({ slug: "yangguang" }))!.id;
    const looks = async () =>
      (await call("GET", `${C}/audit?subjectType=resident-archive&subjectId=${branchId}`, { token: await tokenFor("branchManager") })).body
        .items.length as number;
    const before = await looks();
    await call("GET", `${C}/residents?q=${encodeURIComponent("档案测试甲")}`, { token: agent });
    expect(await looks()).toBe(before + 1);
  });
});

describe("survey recipients", () => {
  it("reach a verified resident of the chosen community who filed from 一期 2栋301 and verified first (no unit on the record)", async () => {
    const { one, unit301, otherUnit } = await places();
    const sup = await tokenFor("serviceSupervisor");
    // Verified before filing: the record has no unit, the request has.
    const early = await verifiedResident("yangguang", freshPhone("1373"));
    await fileRequest(early.phone, "早验证", unit301.id);
    const elsewhere = await verifiedResident("yangguang", freshPhone("1374"));
    await fileRequest(elsewhere.phone, "二期住户", otherUnit.id);
    const make = async (title: string) => {
      const s = await call("POST", `${C}/surveys`, { token: sup, body: { title, questions: [{ id: "overall", text: "总体满意度" }] } });
      expect(s.status).toBe(201);
      return s.body.id as string;
    };
    const mine = async (token: string) =>
      (await call("GET", `${P}/yangguang/my/surveys`, { token })).body.items.map((x: { id: string }) => x.id) as string[];

    const byCommunity = await make(`一期调查 ${Date.now()}`);
    const sent = await call("POST", `${C}/surveys/${byCommunity}/send`, { token: sup, body: { communityId: one.id } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.target).toEqual({ communityId: one.id });
    expect(await mine(early.token)).toContain(byCommunity);
    expect(await mine(elsewhere.token)).not.toContain(byCommunity);

    const byBuilding = await make(`2栋调查 ${Date.now()}`);
    expect((await call("POST", `${C}/surveys/${byBuilding}/send`, { token: sup, body: { buildingId: unit301.buildingId } })).status).toBe(
      200,
    );
    expect(await mine(early.token)).toContain(byBuilding);
    expect(await mine(elsewhere.token)).not.toContain(byBuilding);

    const toAll = await make(`全体调查 ${Date.now()}`);
    const all = await call("POST", `${C}/surveys/${toAll}/send`, { token: sup, body: { allVerified: true } });
    expect(all.body.recipients).toBeGreaterThanOrEqual(2);
    const nobodyVerified = await verifiedResident("yangguang", freshPhone("1375"));
    expect(await mine(elsewhere.token)).toContain(toAll);
    expect(await mine(nobodyVerified.token)).not.toContain(byCommunity);

    const bad = await make(`错误对象 ${Date.now()}`);
    expectProblem(await call("POST", `${C}/surveys/${bad}/send`, { token: sup, body: { buildingId: "bld_nope" } }), 400, "buildingId");
    expectProblem(await call("POST", `${C}/surveys/${bad}/send`, { token: sup, body: { allVerified: false } }), 400);
    const binjiang = await seededCommunity("binjiang");
    expectProblem(await call("POST", `${C}/surveys/${bad}/send`, { token: sup, body: { communityId: binjiang.id } }), 400, "communityId");
  });
});

describe("notices", () => {
  const draft = { title: "停水通知", body: "2栋明天9:00-12:00停水检修。", category: "emergency" };

  it("publishes a manager's emergency (停水停电) at once, approved afterwards; anyone else's emergency waits as a draft", async () => {
    const manager = await tokenFor("branchManager");
    const title = `紧急停电 ${Date.now()}`;
    const now = await call("POST", `${C}/notices`, { token: manager, body: { ...draft, title } });
    expect(now.status, JSON.stringify(now.body)).toBe(201);
    expect(now.body).toMatchObject({ status: "emergencyPending", emergency: true, category: "emergency" });
    expect((await call("GET", `${P}/yangguang`)).body.notices.map((n: { id: string }) => n.id)).toContain(now.body.id);
    const approved = await call("POST", `${C}/notices/${now.body.id}/approve`, { token: await tokenFor("serviceSupervisor"), body: {} });
    expect(approved.body.status).toBe("published");

    for (const role of ["agent", "serviceSupervisor"]) {
      const d = await call("POST", `${C}/notices`, { token: await tokenFor(role), body: draft });
      expect(d.status).toBe(201);
      expect(d.body, role).toMatchObject({ status: "draft", emergency: false });
    }
    const services = await call("POST", `${C}/notices`, { token: manager, body: { ...draft, category: "services" } });
    expect(services.body.status).toBe("draft");
  });

  it("lets the drafter edit a draft with the version seen; a stale edit, a pending notice and other branches are refused", async () => {
    const agent = await tokenFor("agent");
    const d = await call("POST", `${C}/notices`, { token: agent, body: { ...draft, category: "services" } });
    const etag = d.headers.get("etag")!;
    const edited = await call("PATCH", `${C}/notices/${d.body.id}`, {
      token: agent,
      body: { title: "停水通知(更正)", body: "2栋明天9:00-11:00停水检修。" },
      headers: { "if-match": etag },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ title: "停水通知(更正)", status: "draft", version: d.body.version + 1 });
    expectProblem(
      await call("PATCH", `${C}/notices/${d.body.id}`, { token: agent, body: { title: "再改" }, headers: { "if-match": etag } }),
      412,
    );
    expectProblem(await call("PATCH", `${C}/notices/${d.body.id}`, { token: agent, body: {} }), 400);
    expectProblem(await call("PATCH", `${C}/notices/${d.body.id}`, { token: agent, body: { title: "<b>x</b>" } }), 400, "title");
    expectProblem(
      await call("PATCH", `${C}/notices/${d.body.id}`, { token: await tokenFor("agent", "binjiang"), body: { title: "x" } }),
      404,
    );
    expectProblem(await call("PATCH", `${C}/notices/${d.body.id}`, { token: await tokenFor("technician"), body: { title: "x" } }), 403);
    await call("POST", `${C}/notices/${d.body.id}/submit`, { token: agent, body: {} });
    expectProblem(await call("PATCH", `${C}/notices/${d.body.id}`, { token: agent, body: { title: "审批中改" } }), 409);
  });
});

describe("handover correction and duty-log search", () => {
  it("lets the writer remove and add items before signing; nobody else, and not after", async () => {
    const agent = await tokenFor("agent");
    const h = await call("POST", `${C}/handovers`, { token: agent, body: { shift: "day", items: ["钥匙在抽屉", "3栋门禁待修"] } });
    const [first, second] = h.body.items.filter((i: { source: string }) => i.source === "note");
    const edited = await call("PATCH", `${C}/handovers/${h.body.id}`, {
      token: agent,
      body: { notes: "补充:快递柜满", removeItemIds: [first.id], addItems: ["5栋电梯异响,已报工程部"] },
      headers: { "if-match": h.headers.get("etag")! },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const texts = edited.body.items.map((i: { text: string }) => i.text);
    expect(texts).not.toContain("钥匙在抽屉");
    expect(texts).toContain(second.text);
    expect(texts.at(-1)).toBe("5栋电梯异响,已报工程部");
    expect(edited.body).toMatchObject({ notes: "补充:快递柜满", status: "awaiting" });
    expectProblem(
      await call("PATCH", `${C}/handovers/${h.body.id}`, {
        token: agent,
        body: { notes: "x" },
        headers: { "if-match": h.headers.get("etag")! },
      }),
      412,
    );
    expectProblem(await call("PATCH", `${C}/handovers/${h.body.id}`, { token: agent, body: { removeItemIds: ["hdi_nope"] } }), 404);
    const night = await tokenFor("nightManager");
    expectProblem(await call("PATCH", `${C}/handovers/${h.body.id}`, { token: night, body: { notes: "x" } }), 403);
    expectProblem(
      await call("PATCH", `${C}/handovers/${h.body.id}`, { token: await tokenFor("agent", "binjiang"), body: { notes: "x" } }),
      404,
    );
    expectProblem(await call("PATCH", `${C}/handovers/${h.body.id}`, { token: agent, body: {} }), 400);
    const signed = await call("POST", `${C}/handovers/${h.body.id}/sign`, { token: night, body: {} });
    expect(signed.body).toMatchObject({ status: "signed", unsignedItems: 0 });
    expectProblem(await call("PATCH", `${C}/handovers/${h.body.id}`, { token: agent, body: { notes: "签收后改" } }), 409);
  });

  it("fills the items in the writer's language and names the writer to the supervisor when items are left", async () => {
    const agent = await tokenFor("agent");
    const made = await call("POST", `${C}/requests`, {
      token: agent,
      body: {
        kind: "repair",
        category: "door-window",
        description: "交接语言测试",
        contact: { name: "冯", phone: "13500135098" },
        location: { area: "6栋" },
        channel: "phone",
      },
    });
    const h = await call("POST", `${C}/handovers`, { token: agent, body: { shift: "day", items: ["留一项"] } });
    const auto = h.body.items.find((i: { refId: string | null }) => i.refId === made.body.id);
    expect(auto.text).toBe(`${made.body.trackingCode} 报修·已受理:交接语言测试`);
    const en = await call("POST", `${C}/handovers`, { token: agent, body: { shift: "day" }, headers: { "accept-language": "en" } });
    expect(en.body.items.find((i: { refId: string | null }) => i.refId === made.body.id).text).toContain("Repair · Received");
    const note = h.body.items.find((i: { source: string }) => i.source === "note");
    await call("POST", `${C}/handovers/${h.body.id}/sign`, {
      token: await tokenFor("nightManager"),
      body: { itemIds: h.body.items.filter((i: { id: string }) => i.id !== note.id).map((i: { id: string }) => i.id) },
    });
    const inbox = await call("GET", `${C}/inbox`, { token: await tokenFor("serviceSupervisor") });
    const flagged = inbox.body.items.filter((i: { type: string }) => i.type === "handover.flagged");
    expect(flagged.length).toBeGreaterThan(0);
    for (const i of flagged) expect(i.body).not.toContain("stf_");
  });

  it("finds duty-log entries by words and by kind", async () => {
    const agent = await tokenFor("agent");
    const word = `积水${Date.now() % 100000}`;
    const e = await call("POST", `${C}/duty-log`, { token: agent, body: { kind: "safety", what: `地下车库${word}`, handled: "已抽水" } });
    await call("POST", `${C}/duty-log`, { token: agent, body: { kind: "routine", what: "巡楼", handled: `无异常 ${word}` } });
    const byWord = await call("GET", `${C}/duty-log?q=${encodeURIComponent(word)}`, { token: agent });
    expect(byWord.body.items).toHaveLength(2);
    const byKind = await call("GET", `${C}/duty-log?q=${encodeURIComponent(word)}&kind=safety`, { token: agent });
    expect(byKind.body.items.map((x: { id: string }) => x.id)).toEqual([e.body.id]);
    expectProblem(await call("GET", `${C}/duty-log?kind=party`, { token: agent }), 400, "kind");
  });
});

describe("forum minutes and my channels", () => {
  it("publishes a meeting's minutes and replies to residents once", async () => {
    const sup = await tokenFor("serviceSupervisor");
    const m = await call("POST", `${C}/forum/meetings`, {
      token: sup,
      body: {
        heldAt: "2026-04-20T19:00:00+08:00",
        attendees: 12,
        minutes: `恳谈会纪要 ${Date.now()}`,
        points: [{ text: "夜间噪音", raisedBy: "2栋业主" }],
      },
    });
    const onPortal = async () => (await call("GET", `${P}/yangguang/forum`)).body.items.map((x: { id: string }) => x.id) as string[];
    expect(m.body.publishedAt).toBeNull();
    expect(await onPortal()).not.toContain(m.body.id);
    expectProblem(await call("POST", `${C}/forum/meetings/${m.body.id}/publish`, { token: await tokenFor("agent"), body: {} }), 403);
    expectProblem(
      await call("POST", `${C}/forum/meetings/${m.body.id}/publish`, { token: await tokenFor("serviceSupervisor", "binjiang"), body: {} }),
      404,
    );
    const pub = await call("POST", `${C}/forum/meetings/${m.body.id}/publish`, { token: sup, body: {} });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body.publishedAt).toBeTruthy();
    expectProblem(await call("POST", `${C}/forum/meetings/${m.body.id}/publish`, { token: sup, body: {} }), 409);
    await call("POST", `${C}/forum/meetings/${m.body.id}/points/${m.body.points[0].id}/reply`, {
      token: sup,
      body: { reply: "已与施工方约定22点后停工" },
    });
    const shown = (await call("GET", `${P}/yangguang/forum`)).body.items.find((x: { id: string }) => x.id === m.body.id);
    expect(shown.points[0]).toMatchObject({ text: "夜间噪音", reply: "已与施工方约定22点后停工" });
    expect(JSON.stringify(shown)).not.toContain("stf_");
    expect((await call("GET", `${P}/binjiang/forum`)).body.items.map((x: { id: string }) => x.id)).not.toContain(m.body.id);
  });

  it("reads back the channels a resident chose", async () => {
    const r = await verifiedResident();
    const path = `${P}/yangguang/my/preferences`;
    expect((await call("GET", path, { token: r.token })).body).toEqual({ channels: ["inbox"] });
    expect((await call("PUT", path, { token: r.token, body: { channels: ["sms"] } })).status).toBe(204);
    expect((await call("GET", path, { token: r.token })).body).toEqual({ channels: ["inbox", "sms"] });
    expectProblem(await call("GET", path), 401);
    expectProblem(await call("GET", `${P}/binjiang/my/preferences`, { token: r.token }), 404);
  });
});
