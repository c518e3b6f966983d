import { env } from "cloudflare:test";
import { openDatabases, refreshSurveyFact } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor, seededCommunity } from "./helpers.ts";
import { codeSentTo, verifiedResident } from "./residents.ts";

const C = "/api/v1/console";

async function unitOf(branch = "yangguang") {
  const community = await seededCommunity(branch);
  return { unitId: community.units[0]!.id, communityId: community.id };
}

const draft = { title: "电梯年检通知", body: "5栋电梯将于周三上午年检,请提前安排出行。", category: "services" };

describe("notices", () => {
  it("cannot be published without the supervisor's approval; after approval it is on the portal and in residents' inboxes with the service phone", async () => {
    const resident = await verifiedResident();
    const agent = await tokenFor("agent");
    const supervisor = await tokenFor("serviceSupervisor");
    const created = await call("POST", `${C}/notices`, { token: agent, body: { ...draft, title: `停水通知 ${Date.now()}` } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe("draft");
    const id = created.body.id as string;
    const onPortal = async () => (await call("GET", "/api/v1/public/branches/yangguang")).body.notices.map((n: { id: string }) => n.id);

    // No way around approval: a draft cannot be approved, an agent cannot approve, and nothing is visible.
    expectProblem(await call("POST", `${C}/notices/${id}/approve`, { token: supervisor, body: {} }), 409);
    const submitted = await call("POST", `${C}/notices/${id}/submit`, {
      token: agent,
      body: {},
      headers: { "if-match": created.headers.get("etag")! },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("pending");
    expectProblem(await call("POST", `${C}/notices/${id}/approve`, { token: agent, body: {} }), 403);
    expectProblem(await call("POST", `${C}/notices`, { token: agent, body: { ...draft, status: "published" } }), 400, "status");
    expect(await onPortal()).not.toContain(id);

    // Returned with a comment, edited, resubmitted, approved.
    const returned = await call("POST", `${C}/notices/${id}/return`, { token: supervisor, body: { comment: "请写明年检时长" } });
    expect(returned.body).toMatchObject({ status: "returned", returnComment: "请写明年检时长" });
    const edited = await call("PATCH", `${C}/notices/${id}`, {
      token: agent,
      body: { body: "5栋电梯周三 9:00–11:00 年检。" },
      headers: { "if-match": returned.headers.get("etag")! },
    });
    expect(edited.body.status).toBe("draft");
    expectProblem(
      await call("POST", `${C}/notices/${id}/submit`, { token: agent, body: {}, headers: { "if-match": returned.headers.get("etag")! } }),
      412,
    );
    await call("POST", `${C}/notices/${id}/submit`, { token: agent, body: {}, headers: { "if-match": edited.headers.get("etag")! } });
    const approved = await call("POST", `${C}/notices/${id}/approve`, { token: supervisor, body: {} });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe("published");
    expect(approved.body.history.map((h: { action: string }) => h.action)).toEqual([
      "draft",
      "submit",
      "return",
      "edit",
      "submit",
      "approve",
    ]);

    const profile = await call("GET", "/api/v1/public/branches/yangguang");
    const shown = profile.body.notices.find((n: { id: string }) => n.id === id);
    expect(shown).toMatchObject({ title: created.body.title, category: "services" });
    expect(shown.body).toContain(profile.body.servicePhone);
    expect(shown.publishedAt).toMatch(/Z$/);
    const inbox = await call("GET", "/api/v1/public/branches/yangguang/my/inbox", { token: resident.token });
    const item = inbox.body.items.find(
      (i: { type: string; title: string }) => i.type === "notice.published" && i.title.includes(created.body.title),
    );
    expect(item, JSON.stringify(inbox.body)).toBeTruthy();
    expect(item.body).toContain(profile.body.servicePhone);

    // Withdrawn: gone from the portal.
    expect((await call("POST", `${C}/notices/${id}/expire`, { token: supervisor, body: {} })).body.status).toBe("expired");
    expect(await onPortal()).not.toContain(id);
  });

  it("schedules publication and expiry", async () => {
    const agent = await tokenFor("agent");
    const supervisor = await tokenFor("serviceSupervisor");
    const later = new Date(Date.now() + 3600_000).toISOString();
    const n = await call("POST", `${C}/notices`, {
      token: agent,
      body: { ...draft, category: "finance", title: "物业费收支公示", publishAt: later },
    });
    await call("POST", `${C}/notices/${n.body.id}/submit`, { token: agent, body: {} });
    const approved = await call("POST", `${C}/notices/${n.body.id}/approve`, { token: supervisor, body: {} });
    expect(approved.body.status).toBe("scheduled");
    expect(approved.body.pushedAt).toBeNull();
    expect((await call("GET", "/api/v1/public/branches/yangguang")).body.notices.map((x: { id: string }) => x.id)).not.toContain(n.body.id);
    expectProblem(
      await call("POST", `${C}/notices`, {
        token: agent,
        body: { ...draft, publishAt: later, expiresAt: new Date(Date.now()).toISOString() },
      }),
      400,
      "expiresAt",
    );
  });

  it("lets a manager publish an emergency at once, approved after the fact, on record", async () => {
    const resident = await verifiedResident();
    const manager = await tokenFor("branchManager");
    expectProblem(
      await call("POST", `${C}/notices/emergency`, { token: await tokenFor("agent"), body: { title: "停电", body: "x" } }),
      403,
    );
    expectProblem(
      await call("POST", `${C}/notices/emergency`, { token: await tokenFor("serviceSupervisor"), body: { title: "停电", body: "x" } }),
      403,
    );
    const title = `紧急停水 ${Date.now()}`;
    const e = await call("POST", `${C}/notices/emergency`, { token: manager, body: { title, body: "3栋水管爆裂,今晚22点前恢复供水。" } });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    expect(e.body).toMatchObject({ status: "emergencyPending", category: "emergency", emergency: true });
    expect((await call("GET", "/api/v1/public/branches/yangguang")).body.notices.map((x: { id: string }) => x.id)).toContain(e.body.id);
    const inbox = await call("GET", "/api/v1/public/branches/yangguang/my/inbox", { token: resident.token });
    expect(inbox.body.items.some((i: { title: string }) => i.title.includes(title))).toBe(true);
    const approved = await call("POST", `${C}/notices/${e.body.id}/approve`, { token: await tokenFor("serviceSupervisor"), body: {} });
    expect(approved.body.status).toBe("published");
    expect(approved.body.history.map((h: { action: string; role: string }) => [h.action, h.role])).toEqual([
      ["publishEmergency", "branchManager"],
      ["approve", "serviceSupervisor"],
    ]);
    const audit = await call("GET", `${C}/audit?subjectType=notice&subjectId=${e.body.id}`, { token: manager });
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(["notice.approve", "notice.publishEmergency"]);
  });

  it("keeps other branches, wrong roles and garbage out", async () => {
    const n = await call("POST", `${C}/notices`, { token: await tokenFor("agent"), body: draft });
    expectProblem(await call("GET", `${C}/notices/${n.body.id}`, { token: await tokenFor("agent", "binjiang") }), 404);
    expectProblem(await call("POST", `${C}/notices/${n.body.id}/submit`, { token: await tokenFor("agent", "binjiang"), body: {} }), 404);
    expectProblem(await call("POST", `${C}/notices`, { token: await tokenFor("technician"), body: draft }), 403);
    expectProblem(await call("POST", `${C}/notices`, { token: await tokenFor("hqSupervisor", null), body: draft }), 403);
    expectProblem(
      await call("POST", `${C}/notices`, { token: await tokenFor("agent"), body: { ...draft, category: "gossip" } }),
      400,
      "category",
    );
    expectProblem(
      await call("POST", `${C}/notices`, { token: await tokenFor("agent"), body: { ...draft, body: "<script>alert(1)</script>" } }),
      400,
      "body",
    );
    expectProblem(
      await call("POST", `${C}/notices`, { token: await tokenFor("agent"), body: { ...draft, audience: { buildingIds: ["bld_nope"] } } }),
      400,
      "audience.buildingIds.0",
    );
    expectProblem(await call("POST", `${C}/notices`, { token: await tokenFor("agent"), rawBody: "{not json" }), 400);
  });
});

describe("visitors", () => {
  const NINE_PM = "2026-05-01T21:00:00+08:00";
  const TEN_AM = "2026-05-01T10:00:00+08:00";
  const slip = async () => ({
    name: "访客甲",
    idType: "resident-id",
    idNumber: "11010519491231002X",
    hostUnitId: (await unitOf()).unitId,
    hostContacted: true,
  });

  it("refuses an agent at 21:00 and accepts the night duty manager; the ID is stored masked and no phone is on the slip", async () => {
    const body = await slip();
    expectProblem(await call("POST", `${C}/visitors`, { token: await tokenFor("agent"), body, headers: { "x-clock-at": NINE_PM } }), 403);
    const night = await call("POST", `${C}/visitors`, { token: await tokenFor("nightManager"), body, headers: { "x-clock-at": NINE_PM } });
    expect(night.status, JSON.stringify(night.body)).toBe(201);
    expect(night.body).toMatchObject({ night: true, registeredRole: "nightManager", idNumber: "**************002X", hostContacted: true });
    expect(night.body.contactedBy).toBeTruthy();
    expect(JSON.stringify(night.body)).not.toMatch(/1[3-9]\d{9}/);
    expect(JSON.stringify(night.body)).not.toContain("110105");
    const day = await call("POST", `${C}/visitors`, {
      token: await tokenFor("agent"),
      body: { ...body, hostContacted: false },
      headers: { "x-clock-at": TEN_AM },
    });
    expect(day.status).toBe(201);
    expect(day.body).toMatchObject({ night: false, contactedBy: null });
    const out = await call("POST", `${C}/visitors/${day.body.id}/out`, { token: await tokenFor("agent"), body: {} });
    expect(out.body.outAt).toBeTruthy();
    expectProblem(await call("POST", `${C}/visitors/${day.body.id}/out`, { token: await tokenFor("agent"), body: {} }), 409);
  });

  it("keeps other branches, wrong roles and garbage out", async () => {
    const body = await slip();
    const v = await call("POST", `${C}/visitors`, {
      token: await tokenFor("agent"),
      body,
      headers: { "x-clock-at": "2026-05-01T12:00:00+08:00" },
    });
    expectProblem(await call("GET", `${C}/visitors/${v.body.id}`, { token: await tokenFor("agent", "binjiang") }), 404);
    expectProblem(
      await call("POST", `${C}/visitors`, {
        token: await tokenFor("agent", "binjiang"),
        body,
        headers: { "x-clock-at": "2026-05-01T12:00:00+08:00" },
      }),
      400,
      "hostUnitId",
    );
    expectProblem(await call("POST", `${C}/visitors`, { token: await tokenFor("technician"), body }), 403);
    expectProblem(
      await call("POST", `${C}/visitors`, { token: await tokenFor("agent"), body: { ...body, idNumber: "12" } }),
      400,
      "idNumber",
    );
    expectProblem(
      await call("POST", `${C}/visitors`, { token: await tokenFor("agent"), body: { ...body, hostPhone: "13800138001" } }),
      400,
      "hostPhone",
    );
  });
});

describe("shift handover and duty log", () => {
  it("fills in the outgoing shift's open items; items left unsigned flag the handover to the supervisor", async () => {
    const agent = await tokenFor("agent");
    const made = await call("POST", `${C}/requests`, {
      token: agent,
      body: {
        kind: "repair",
        category: "door-window",
        description: "交接测试:门锁坏了",
        contact: { name: "冯", phone: "13500135099" },
        location: { area: "6栋" },
        channel: "phone",
      },
    });
    expect(made.status).toBe(201);
    const h = await call("POST", `${C}/handovers`, {
      token: agent,
      body: { shift: "day", notes: "6栋门禁偶有故障", items: ["快递柜钥匙在前台抽屉"] },
    });
    expect(h.status, JSON.stringify(h.body)).toBe(201);
    expect(h.body.status).toBe("awaiting");
    const fromRequest = h.body.items.find((i: { refId: string | null }) => i.refId === made.body.id);
    expect(fromRequest).toMatchObject({ source: "request" });
    const note = h.body.items.find((i: { source: string }) => i.source === "note");
    expect(note.text).toBe("快递柜钥匙在前台抽屉");

    // The one handing over cannot sign for the incoming shift.
    expectProblem(await call("POST", `${C}/handovers/${h.body.id}/sign`, { token: agent, body: {} }), 403);
    const night = await tokenFor("nightManager");
    expectProblem(await call("POST", `${C}/handovers/${h.body.id}/sign`, { token: night, body: { itemIds: ["hdi_nope"] } }), 404);
    expectProblem(await call("POST", `${C}/handovers/${h.body.id}/sign`, { token: night, body: {}, headers: { "if-match": '"99"' } }), 412);
    const signed = await call("POST", `${C}/handovers/${h.body.id}/sign`, {
      token: night,
      body: { itemIds: [note.id] },
      headers: { "if-match": h.headers.get("etag")! },
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ status: "partial", flagged: true, unsignedItems: h.body.items.length - 1 });
    expectProblem(await call("POST", `${C}/handovers/${h.body.id}/sign`, { token: night, body: {} }), 409);

    const supervisor = await tokenFor("serviceSupervisor");
    const flagged = await call("GET", `${C}/handovers?flagged=true`, { token: supervisor });
    expect(flagged.body.items.map((x: { id: string }) => x.id)).toContain(h.body.id);
    const inbox = await call("GET", `${C}/inbox`, { token: supervisor });
    expect(inbox.body.items.some((i: { type: string }) => i.type === "handover.flagged")).toBe(true);

    // A fully signed handover is not flagged.
    const h2 = await call("POST", `${C}/handovers`, { token: agent, body: { shift: "night", items: ["巡楼完毕"] } });
    const ok = await call("POST", `${C}/handovers/${h2.body.id}/sign`, { token: night, body: {} });
    expect(ok.body).toMatchObject({ status: "signed", flagged: false });
  });

  it("keeps the duty log, and keeps wrong roles, other branches and garbage out", async () => {
    const agent = await tokenFor("agent");
    const e = await call("POST", `${C}/duty-log`, {
      token: agent,
      body: { kind: "abnormal", what: "凌晨2点地下车库积水", handled: "通知工程部抽水,已处理" },
    });
    expect(e.status).toBe(201);
    expect((await call("GET", `${C}/duty-log`, { token: agent })).body.items.map((x: { id: string }) => x.id)).toContain(e.body.id);
    expectProblem(
      await call("POST", `${C}/duty-log`, { token: await tokenFor("technician"), body: { kind: "abnormal", what: "x", handled: "y" } }),
      403,
    );
    expectProblem(await call("POST", `${C}/duty-log`, { token: agent, body: { kind: "party", what: "x", handled: "y" } }), 400, "kind");
    expectProblem(await call("DELETE", `${C}/duty-log/${e.body.id}`, { token: await tokenFor("branchManager") }), 404);
    const h = await call("POST", `${C}/handovers`, { token: agent, body: { shift: "day" } });
    expectProblem(await call("GET", `${C}/handovers/${h.body.id}`, { token: await tokenFor("agent", "binjiang") }), 404);
    expectProblem(await call("POST", `${C}/handovers`, { token: await tokenFor("engineeringSupervisor"), body: { shift: "day" } }), 403);
    expectProblem(await call("POST", `${C}/handovers`, { token: agent, body: { shift: "afternoon" } }), 400, "shift");
  });
});

describe("surveys and forum meetings", () => {
  it("sends a survey to a community's residents, collects answers in the portal once, and reports results", async () => {
    const resident = await verifiedResident("hupan");
    const { unitId, communityId } = await unitOf("hupan");
    // Put the resident in a unit of the community through the seeded archive (staff records the unit).
    const dbs = openDatabases(env);
    const b = (await dbs.branch({ slug: "hupan" }))!;
    await dbs.branchDb(b).$client.execute({ sql: "update residents set unit_id = ? where id = ?", args: [unitId, resident.id] });

    const sup = await tokenFor("serviceSupervisor", "hupan");
    const s = await call("POST", `${C}/surveys`, {
      token: sup,
      body: {
        title: "2026年第二季度满意度调查",
        questions: [
          { id: "overall", text: "总体满意度" },
          { id: "repair", text: "维修服务" },
          { id: "say", text: "意见建议", type: "text" },
        ],
      },
    });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expectProblem(
      await call("POST", `${C}/surveys/${s.body.id}/send`, { token: sup, body: { communityId }, headers: { "if-match": '"7"' } }),
      412,
    );
    const sent = await call("POST", `${C}/surveys/${s.body.id}/send`, {
      token: sup,
      body: { communityId },
      headers: { "if-match": s.headers.get("etag")! },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.recipients).toBeGreaterThanOrEqual(1);
    expectProblem(await call("POST", `${C}/surveys/${s.body.id}/send`, { token: sup, body: { communityId } }), 409);

    const mine = await call("GET", "/api/v1/public/branches/hupan/my/surveys", { token: resident.token });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(s.body.id);
    const answer = (body: unknown) =>
      call("POST", `/api/v1/public/branches/hupan/my/surveys/${s.body.id}/answers`, { token: resident.token, body });
    expectProblem(await answer({ answers: [{ questionId: "overall", score: 9 }] }), 400, "answers.0.score");
    expectProblem(await answer({ answers: [{ questionId: "nope", score: 3 }] }), 400, "answers.0.questionId");
    expect(
      (
        await answer({
          answers: [
            { questionId: "overall", score: 5 },
            { questionId: "repair", score: 3 },
            { questionId: "say", text: "保洁很好" },
          ],
        })
      ).status,
    ).toBe(201);
    expectProblem(await answer({ answers: [{ questionId: "overall", score: 4 }] }), 409);
    // Not sent to this resident: 404, and no staff token works here.
    expectProblem(
      await call("POST", `/api/v1/public/branches/hupan/my/surveys/srv_nope/answers`, {
        token: resident.token,
        body: { answers: [{ questionId: "overall", score: 4 }] },
      }),
      404,
    );
    expectProblem(
      await call("POST", `/api/v1/public/branches/hupan/my/surveys/${s.body.id}/answers`, {
        token: sup,
        body: { answers: [{ questionId: "overall", score: 4 }] },
      }),
      401,
    );

    const results = await call("GET", `${C}/surveys/${s.body.id}/results`, { token: sup });
    expect(results.body.answers).toBe(1);
    expect(results.body.questions[0]).toMatchObject({ id: "overall", count: 1, average: 5, distribution: { "5": 1 } });
    expect(results.body.questions[2].comments).toEqual(["保洁很好"]);
    expectProblem(await call("GET", `${C}/surveys/${s.body.id}/results`, { token: await tokenFor("serviceSupervisor", "binjiang") }), 404);

    // Results feed supervision: sending, each answer and closing write a survey event with the change; the
    // deadlines consumer rebuilds the survey's totals from them (its own test), head office reads the totals.
    expect((await call("POST", `${C}/surveys/${s.body.id}/close`, { token: sup, body: {} })).status).toBe(200);
    const events = await dbs
      .branchDb(b)
      .$client.execute({ sql: "select payload from outbox where payload like ?", args: [`%${s.body.id}%`] });
    expect(events.rows.map((r) => JSON.parse(String(r.payload)).type)).toEqual(["survey.changed", "survey.changed", "survey.changed"]);
    expect(await refreshSurveyFact(dbs, b, s.body.id, Date.now())).toBe(true);
    const hq = await call("GET", "/api/v1/hq/surveys", { token: await tokenFor("hqSupervisor", null) });
    expect(hq.status, JSON.stringify(hq.body)).toBe(200);
    expect(
      hq.body.items.find((x: { title: string; branch: string }) => x.title === "2026年第二季度满意度调查" && x.branch === "hupan"),
    ).toMatchObject({
      scale: 5,
      closed: true,
      responses: 1,
      recipients: sent.body.recipients,
      mean: 4,
      percent: 75,
    });
    expect(JSON.stringify(hq.body)).not.toContain("保洁很好");
    const region = await call("GET", "/api/v1/hq/surveys", { token: await tokenFor("regionSupervisor", null) });
    expect(region.body.items.some((x: { branch: string }) => x.branch === "hupan")).toBe(false);
    expectProblem(await call("GET", "/api/v1/hq/surveys", { token: sup }), 403);

    expectProblem(
      await call("POST", `${C}/surveys`, {
        token: await tokenFor("agent", "hupan"),
        body: { title: "x", questions: [{ id: "a", text: "b" }] },
      }),
      403,
    );
    expectProblem(await call("POST", `${C}/surveys`, { token: sup, body: { title: "x", questions: [] } }), 400, "questions");
  });

  it("records a forum meeting's minutes and tracks each point to a reply", async () => {
    const sup = await tokenFor("serviceSupervisor");
    const m = await call("POST", `${C}/forum/meetings`, {
      token: sup,
      body: {
        heldAt: "2026-04-20T19:00:00+08:00",
        attendees: 23,
        minutes: "业主恳谈会纪要……",
        points: [{ text: "地下车库照明不足", raisedBy: "3栋业主" }, { text: "希望增加快递柜" }],
      },
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect(m.body.openPoints).toBe(2);
    const p = m.body.points[0].id;
    const replied = await call("POST", `${C}/forum/meetings/${m.body.id}/points/${p}/reply`, {
      token: sup,
      body: { reply: "已加装 12 盏感应灯" },
    });
    expect(replied.body.openPoints).toBe(1);
    expectProblem(await call("POST", `${C}/forum/meetings/${m.body.id}/points/${p}/reply`, { token: sup, body: { reply: "again" } }), 409);
    expectProblem(await call("POST", `${C}/forum/meetings/${m.body.id}/points/fp_nope/reply`, { token: sup, body: { reply: "x" } }), 404);
    expectProblem(await call("GET", `${C}/forum/meetings/${m.body.id}`, { token: await tokenFor("serviceSupervisor", "binjiang") }), 404);
    expectProblem(
      await call("POST", `${C}/forum/meetings`, {
        token: await tokenFor("agent"),
        body: { heldAt: "2026-04-20T19:00:00+08:00", attendees: 1, minutes: "x", points: [{ text: "y" }] },
      }),
      403,
    );
    expectProblem(
      await call("POST", `${C}/forum/meetings`, {
        token: sup,
        body: { heldAt: "yesterday", attendees: 1, minutes: "x", points: [{ text: "y" }] },
      }),
      400,
      "heldAt",
    );
  });
});

describe("resident records", () => {
  it("logs who read which record and when; the audit log cannot be edited or deleted through any route", async () => {
    const resident = await verifiedResident();
    const agent = await tokenFor("agent");
    const manager = await tokenFor("branchManager");
    const before = Date.now();
    const read = await call("GET", `${C}/residents/${resident.id}`, { token: agent });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.phone).toBe(resident.phone);
    const archive = await call("GET", `${C}/residents`, { token: agent });
    expect(archive.body.items.find((r: { id: string }) => r.id === resident.id).phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const audit = await call("GET", `${C}/audit?subjectType=resident&subjectId=${resident.id}`, { token: manager });
    expect(audit.status).toBe(200);
    const entry = audit.body.items.find((a: { action: string }) => a.action === "resident.read");
    expect(entry).toMatchObject({ actorRole: "agent", subjectId: resident.id });
    expect(entry.actorId).toMatch(/^stf_/);
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
    const archiveAudit = await call(
      "GET",
      `${C}/audit?subjectType=resident-archive&subjectId=${(await openDatabases(env).branch({ slug: "yangguang" }))!.id}`,
      { token: manager },
    );
    expect(archiveAudit.body.items.length).toBeGreaterThanOrEqual(1);
    expectProblem(await call("GET", `${C}/audit`, { token: agent }), 403);

    for (const method of ["PUT", "PATCH", "DELETE", "POST"]) {
      for (const path of [`${C}/audit`, `${C}/audit/${entry.id}`]) {
        const res = await call(method, path, { token: manager, body: method === "DELETE" ? undefined : { action: "nothing" } });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    const doc = await call("GET", "/api/v1/openapi.json");
    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      if (path.includes("/audit")) expect(Object.keys(ops), path).toEqual(["get"]);
    }
    const again = await call("GET", `${C}/audit?subjectType=resident&subjectId=${resident.id}`, { token: manager });
    expect(again.body.items.find((a: { id: string }) => a.id === entry.id)).toEqual(entry);
  });

  it("changes contact details only after a code sent to the old phone", async () => {
    const resident = await verifiedResident();
    const agent = await tokenFor("agent");
    const newPhone = `1590${resident.phone.slice(4)}`;
    const started = await call("POST", `${C}/residents/${resident.id}/contact-changes`, {
      token: agent,
      body: { method: "otp", newPhone },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.status).toBe("pending");
    expect((await call("GET", `${C}/residents/${resident.id}`, { token: agent })).body.phone).toBe(resident.phone);
    const code = await codeSentTo("yangguang", resident.phone);
    const wrong = code === "000000" ? "111111" : "000000";
    expectProblem(
      await call("POST", `${C}/residents/${resident.id}/contact-changes/${started.body.id}/confirm`, {
        token: agent,
        body: { code: wrong },
      }),
      400,
      "code",
    );
    const done = await call("POST", `${C}/residents/${resident.id}/contact-changes/${started.body.id}/confirm`, {
      token: agent,
      body: { code },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe("applied");
    expect((await call("GET", `${C}/residents/${resident.id}`, { token: agent })).body.phone).toBe(newPhone);
    expectProblem(
      await call("POST", `${C}/residents/${resident.id}/contact-changes/${started.body.id}/confirm`, { token: agent, body: { code } }),
      409,
    );
  });

  it("changes contact details after staff checked the ID, with the reason on record", async () => {
    const resident = await verifiedResident();
    const agent = await tokenFor("agent");
    expectProblem(
      await call("POST", `${C}/residents/${resident.id}/contact-changes`, {
        token: agent,
        body: { method: "id-check", newEmail: "a@example.com", idType: "resident-id", idLast4: "002X" },
      }),
      400,
      "reason",
    );
    const r = await call("POST", `${C}/residents/${resident.id}/contact-changes`, {
      token: agent,
      body: {
        method: "id-check",
        newEmail: "lin@example.com",
        idType: "resident-id",
        idLast4: "002X",
        reason: "旧手机号已停用,本人持身份证到前台办理",
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe("applied");
    const audit = await call("GET", `${C}/audit?subjectType=resident&subjectId=${resident.id}`, { token: await tokenFor("branchManager") });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain("resident.contactChanged");
    expectProblem(
      await call("POST", `${C}/residents/${resident.id}/contact-changes`, { token: agent, body: { method: "otp" } }),
      400,
      "newPhone",
    );
    expectProblem(await call("GET", `${C}/residents/${resident.id}`, { token: await tokenFor("agent", "binjiang") }), 404);
    expectProblem(await call("GET", `${C}/residents/${resident.id}`, { token: await tokenFor("hqSupervisor", null) }), 403);
  });

  it("exports a resident's own data on request, on record", async () => {
    const resident = await verifiedResident();
    await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: { kind: "inquiry", description: "导出测试", contact: { name: "林", phone: resident.phone }, location: { area: "门口" } },
    });
    const out = await call("POST", "/api/v1/public/branches/yangguang/my/export", { token: resident.token });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.resident).toMatchObject({ id: resident.id, phone: resident.phone });
    expect(out.body.requests.map((r: { description: string }) => r.description)).toContain("导出测试");
    expectProblem(await call("POST", "/api/v1/public/branches/yangguang/my/export"), 401);
    expectProblem(await call("POST", "/api/v1/public/branches/binjiang/my/export", { token: resident.token }), 404);
    const audit = await call("GET", `${C}/audit?subjectType=resident&subjectId=${resident.id}`, { token: await tokenFor("branchManager") });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain("resident.export");
  });
});
