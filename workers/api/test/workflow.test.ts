import { env } from "cloudflare:test";
import { factsOf, openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { isNightShift } from "@wuye/core";
import { call, expectProblem, subjectOf, tokenFor, tokenForStaff, seededCommunity } from "./helpers.ts";

let seq = 0;
const phone = () => `137${String(20_000_000 + ++seq * 7907 + Math.floor(Math.random() * 1000)).slice(-8)}`;
const staffIdOf = subjectOf;
const C = "/api/v1/console";

async function unitOf(branch = "yangguang", n = 0): Promise<string> {
  return (await seededCommunity(branch)).units[n]!.id;
}

async function create(role: string, body: Record<string, unknown>) {
  const res = await call("POST", `${C}/requests`, {
    token: await tokenFor(role),
    body: { channel: "phone", contact: { name: "周业主", phone: phone() }, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; trackingCode: string };
}

/** Someone acting: a role's first demo login, or a particular staff member's token. */
type Actor = string | { token: string; name: string };

/** One console step; returns the body, asserting the status (200 unless told). */
async function step(who: Actor, id: string, action: string, body: unknown = {}, expectStatus = 200, headers: Record<string, string> = {}) {
  const token = typeof who === "string" ? await tokenFor(who) : who.token;
  const res = await call("POST", `${C}/requests/${id}/actions/${action}`, { token, body, headers });
  expect(res.status, `${action} by ${typeof who === "string" ? who : who.name}: ${JSON.stringify(res.body)}`).toBe(expectStatus);
  return res;
}

/** The technician the work order is with (only they act on it). */
async function assignedTechnician(id: string): Promise<{ token: string; name: string }> {
  const wf = await call("GET", `${C}/requests/${id}/workflow`, { token: await tokenFor("agent") });
  const staffId = wf.body.record.technicianId as string;
  return { token: await tokenForStaff(staffId, "technician"), name: `technician ${staffId}` };
}
async function resident(code: string, action: string, body: unknown = {}, expectStatus = 200) {
  const res = await call("POST", `/api/v1/public/requests/${code}/actions/${action}`, { body });
  expect(res.status, `${action} by resident: ${JSON.stringify(res.body)}`).toBe(expectStatus);
  return res;
}
async function milestones(id: string) {
  const res = await call("GET", `${C}/requests/${id}`, { token: await tokenFor("agent") });
  return res.body.milestones as Array<{ name: string; status: string; metAt: string | null }>;
}
const statusOf = async (id: string, name: string) => (await milestones(id)).filter((m) => m.name === name).map((m) => m.status);

describe("repair work order: an urgent leak through quote, refusal, second quote, work, next-rain acceptance and payment", () => {
  it("walks the whole flow with the right people, milestones and amounts", async () => {
    const unitId = await unitOf();
    const req = await create("agent", {
      kind: "repair",
      category: "roof-leak",
      description: "顶楼卧室天花板漏水,下雨时滴水",
      location: { unitId },
      urgencyOverride: { urgency: "urgent", reason: "漏水已影响电器安全" },
    });
    expect(await statusOf(req.id, "onSite")).toEqual(["open"]);

    // Dispatch by skill: leak sealing needs waterproofing (tech2 in the demo).
    const d = await step("agent", req.id, "dispatch", { itemCode: "leak-seal" });
    expect(d.body.status).toBe("dispatched");
    const board = await call("GET", `${C}/dispatch-board`, { token: await tokenFor("engineeringSupervisor") });
    const tech2 = board.body.technicians.find((t: { skills: string[] }) => t.skills.includes("waterproofing"));
    expect(d.body.record.technicianId).toBe(tech2.id);
    expect(tech2.orders.map((o: { id: string }) => o.id)).toContain(req.id);

    // Only the technician the order went to acts on it; to another technician it does not exist.
    const tech = await assignedTechnician(req.id);
    expectProblem(await step("technician", req.id, "arrive", { confirmed: true }, 404), 404);
    await step(tech, req.id, "arrive", { confirmed: true });
    expect(await statusOf(req.id, "onSite")).toEqual(["met"]);
    // A price is only ever from the list.
    await step(tech, req.id, "quote", { lines: [{ code: "gold-plated-roof", qty: 1 }] }, 400);
    const q1 = await step(tech, req.id, "quote", { lines: [{ code: "leak-seal", qty: 3 }] });
    expect(q1.body.record.quotes[0].totalFen).toBe(3 * (8000 + 4000));

    // The resident refuses in the portal; technician then supervisor sign; back to the service center.
    await resident(req.trackingCode, "refuse-quote", { reason: "价格太高,想先找别家比较" });
    await step("agent", req.id, "approve-refusal", {}, 409);
    await step(tech, req.id, "sign-refusal", {}, 200);
    const back = await step("engineeringSupervisor", req.id, "approve-refusal", {});
    expect(back.body.status).toBe("returned");
    expect(back.body.record.refusals[0]).toMatchObject({
      reason: "价格太高,想先找别家比较",
      technicianSignedBy: expect.any(String),
      supervisorSignedBy: expect.any(String),
    });

    // Second attempt: a smaller quote, accepted in the portal.
    await step("agent", req.id, "dispatch", {});
    await step(tech, req.id, "arrive", { confirmed: true });
    const q2 = await step(tech, req.id, "quote", { lines: [{ code: "leak-seal", qty: 2 }] });
    const track = await call("GET", `/api/v1/public/requests/${req.trackingCode}`);
    expect(track.body.workflow.residentActions.sort()).toEqual(["accept-quote", "refuse-quote"]);
    expect(track.body.workflow.record.quote.totalFen).toBe(24000);
    expect(JSON.stringify(track.body)).not.toContain(q2.body.record.quotes[1].by);
    await resident(req.trackingCode, "accept-quote", {});
    await step(tech, req.id, "check-materials", { material: "业主自购防水涂料", result: "poor", residentWarned: false }, 400);
    await step(tech, req.id, "check-materials", {
      material: "业主自购防水涂料",
      result: "poor",
      residentWarned: true,
      note: "已告知质量一般,业主坚持使用",
    });
    await step(tech, req.id, "complete-work", {
      workDone: "屋面防水层修补 2 平方米",
      materials: [{ name: "防水涂料", qty: 2, unit: "kg", suppliedBy: "resident" }],
    });
    expect(await statusOf(req.id, "repaired")).toEqual(["met"]);

    // Leaks are accepted only after the next rain.
    await step(tech, req.id, "defer-acceptance", { condition: "next-rain" });
    await resident(req.trackingCode, "confirm-completion", { amountFen: 100, signature: "周业主" }, 400);
    const accepted = await resident(req.trackingCode, "confirm-completion", { amountFen: 24000, signature: "周业主", note: "雨后无渗漏" });
    expect(accepted.body.status).toBe("awaitingPayment");

    // Paid at the service center only.
    await step(tech, req.id, "record-payment", { amountFen: 24000, method: "cash", receiptNo: "R-001" }, 403);
    expectProblem(
      await step("agent", req.id, "record-payment", { amountFen: 24000, method: "wechat", receiptNo: "R-001" }, 412, { "if-match": '"1"' }),
      412,
    );
    const paid = await step("agent", req.id, "record-payment", { amountFen: 24000, method: "wechat", receiptNo: "R-002" }, 200);
    expect(paid.body.status).toBe("completed");
    expect(await statusOf(req.id, "followUp")).toEqual(["open"]);
    const done = await step("agent", req.id, "follow-up", { channel: "phone", satisfied: true, score: 5 });
    expect(done.body.status).toBe("closed");
    expect(await statusOf(req.id, "followUp")).toEqual(["met"]);
    const timeline = (await call("GET", `/api/v1/public/requests/${req.trackingCode}`)).body.timeline.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(
      expect.arrayContaining([
        "workflow.quote",
        "workflow.refuse-quote",
        "workflow.accept-quote",
        "workflow.defer-acceptance",
        "workflow.record-payment",
      ]),
    );
  }, 60_000);

  it("refuses stale versions (412), steps the state does not allow (409), other tenants (404) and garbage (400)", async () => {
    const req = await create("agent", {
      kind: "repair",
      category: "door-window",
      description: "入户门锁坏了",
      location: { unitId: await unitOf() },
    });
    expectProblem(await step("agent", req.id, "dispatch", { itemCode: "door-lock" }, 412, { "if-match": '"99"' }), 412);
    expectProblem(await step("agent", req.id, "complete-work", { workDone: "x", materials: [] }, 409), 409);
    expectProblem(await step("agent", req.id, "dispatch", { itemCode: "not-on-the-list" }, 400), 400, "itemCode");
    expectProblem(await step("agent", req.id, "dispatch", { itemCode: 42, extra: true }, 400), 400);
    expectProblem(
      await call("POST", `${C}/requests/${req.id}/actions/dispatch`, { token: await tokenFor("agent"), rawBody: "{itemCode: door-lock" }),
      400,
      "(body)",
    );
    const other = await call("POST", `${C}/requests/${req.id}/actions/dispatch`, {
      token: await tokenFor("agent", "binjiang"),
      body: { itemCode: "door-lock" },
    });
    expectProblem(other, 404);
    // Nothing changed by any of those.
    const wf = await call("GET", `${C}/requests/${req.id}/workflow`, { token: await tokenFor("agent") });
    expect(wf.body.status).toBe("received");
    expect(wf.body.version).toBe(1);
    expect(wf.body.allowedActions).toEqual(expect.arrayContaining(["dispatch", "refer-for-review"]));
  });
});

describe("warranty: rework on the same item and unit within 3 months is free and linked", () => {
  it("links the new order to the original and quotes 0", async () => {
    const unitId = await unitOf("yangguang", 1);
    const walk = async () => {
      const r = await create("agent", { kind: "repair", category: "door-window", description: "门锁转不动", location: { unitId } });
      await step("agent", r.id, "dispatch", { itemCode: "door-lock" });
      const tech = await assignedTechnician(r.id);
      await step(tech, r.id, "arrive", { confirmed: true });
      const q = await step(tech, r.id, "quote", { lines: [{ code: "door-lock", qty: 1 }] });
      return { r, q, tech };
    };
    const first = await walk();
    expect(first.q.body.record.quotes[0].totalFen).toBe(4000);
    await step(first.tech, first.r.id, "accept-quote", {});
    await step(first.tech, first.r.id, "complete-work", { workDone: "更换门锁", materials: [] });
    await step("agent", first.r.id, "confirm-completion", { amountFen: 4000, signature: "业主" });
    await step("agent", first.r.id, "record-payment", { amountFen: 4000, method: "cash", receiptNo: "R-100" });

    const rework = await walk();
    expect(rework.q.body.record.quotes[0]).toMatchObject({ totalFen: 0, warrantyOf: first.r.id });
    expect(rework.q.body.record.warrantyOf).toBe(first.r.id);
    await step(rework.tech, rework.r.id, "accept-quote", {});
    await step(rework.tech, rework.r.id, "complete-work", { workDone: "返修门锁", materials: [] });
    const free = await step("agent", rework.r.id, "confirm-completion", { amountFen: 0, signature: "业主" });
    expect(free.body.status).toBe("completed");
    const track = await call("GET", `/api/v1/public/requests/${rework.r.trackingCode}`);
    expect(track.body.workflow.record.quote).toMatchObject({ totalFen: 0, warranty: true });
  }, 60_000);
});

describe("a written attitude complaint through all eight steps", () => {
  it("needs the supervisor's approval of the written reply and ends in the case library", async () => {
    const req = await create("agent", {
      kind: "complaint",
      channel: "letter",
      description: "来信投诉:前台客服态度恶劣,多次推诿",
      location: { unitId: await unitOf() },
    });
    await step("agent", req.id, "investigate", { findings: "x", rootCause: "y" }, 409); // not classified yet
    await step("agent", req.id, "classify", { nature: "valid", content: "attitude", reasonable: true, demand: "要求道歉并改进" });
    await step("agent", req.id, "investigate", { findings: "调取录音,确认客服答复不当", rootCause: "新员工未接受服务用语培训" });
    await step("agent", req.id, "assign-responsibility", { department: "客服中心", person: "当班客服", plan: "当面道歉,组织服务用语培训" });
    // Written: not handled before the approved reply went out; a plain reply is refused too.
    await step("agent", req.id, "handle", { actions: "x", residentOpinion: "y", residentSigned: true }, 409);
    await step("agent", req.id, "progress", { text: "我们正在处理" }, 409);
    expectProblem(
      await call("POST", `${C}/requests/${req.id}/replies`, { token: await tokenFor("agent"), body: { text: "您好,我们正在处理" } }),
      409,
    );
    const blocked = await step("agent", req.id, "draft-reply", { text: "这个我不知道,不是我管的" }, 422);
    expect(blocked.body.errors[0].code).toBe("reply_language");
    await step("agent", req.id, "draft-reply", {
      text: "尊敬的业主:对于给您带来的不愉快,我们深表歉意,已对相关员工进行培训,感谢您的监督。",
    });
    await step("agent", req.id, "approve-reply", {}, 403);
    expect(await statusOf(req.id, "response")).toEqual(["open"]);
    await step("serviceSupervisor", req.id, "approve-reply", {});
    expect(await statusOf(req.id, "response")).toEqual(["met"]);
    await step("agent", req.id, "handle", { actions: "当面道歉,完成培训", residentOpinion: "接受道歉", residentSigned: true });
    await step("agent", req.id, "visit", { channel: "phone", satisfied: true, score: 4 }, 400); // must apologise again
    await step("agent", req.id, "visit", { channel: "phone", satisfied: true, score: 4, apologised: true });
    await step("agent", req.id, "summarize", {
      cause: "服务用语不当",
      process: "道歉、培训、回访",
      correctiveAction: "全员服务用语培训",
      preventiveAction: "新员工上岗前考核",
      lesson: "忌用“不知道”“不是我管的”",
      department: "客服中心",
    });
    // Head office's PDCA report gets the lesson (not the story) through the request's facts.
    const dbs = openDatabases(env);
    const branch = (await dbs.branches()).find((b) => b.slug === "yangguang")!;
    const facts = await factsOf(dbs, branch, req.id, async () => new Map(), Date.now());
    expect(facts?.requestFact.correctiveAction).toEqual({
      cause: "服务用语不当",
      correctiveAction: "全员服务用语培训",
      preventiveAction: "新员工上岗前考核",
      department: "客服中心",
    });
    await step("agent", req.id, "archive", {}, 403);
    const archived = await step("serviceSupervisor", req.id, "archive", {});
    expect(archived.body.status).toBe("archived");
    expect(Object.keys(archived.body.record.steps)).toEqual([
      "classify",
      "investigate",
      "assign-responsibility",
      "handle",
      "visit",
      "summarize",
      "archive",
    ]);

    const cases = await call("GET", `${C}/cases`, { token: await tokenFor("agent") });
    expect(cases.body.items.find((x: { requestId: string }) => x.requestId === req.id)).toMatchObject({
      source: "complaint",
      department: "客服中心",
    });
    const track = await call("GET", `/api/v1/public/requests/${req.trackingCode}`);
    expect(track.body.timeline.map((e: { note: string }) => e.note)).toContain(
      "尊敬的业主:对于给您带来的不愉快,我们深表歉意,已对相关员工进行培训,感谢您的监督。",
    );
    expect((await milestones(req.id)).filter((m) => m.status === "open")).toEqual([]);
  }, 60_000);

  it("an unsatisfied follow-up reopens a communicative complaint and feeds the case library", async () => {
    const req = await create("agent", {
      kind: "complaint",
      description: "电梯经常停运,想了解维保安排",
      location: { unitId: await unitOf() },
    });
    await step("agent", req.id, "classify", {
      nature: "communicative",
      communicativeType: "inquiry",
      content: "equipment",
      reasonable: true,
      demand: "了解维保计划",
    });
    await step("agent", req.id, "progress", { text: "您好,电梯维保计划已在安排,周五前给您答复。" });
    expect(await statusOf(req.id, "response")).toEqual(["met"]);
    await step("agent", req.id, "handle", { actions: "告知维保计划", residentOpinion: "知道了", residentSigned: false });
    const reopened = await step("agent", req.id, "visit", {
      channel: "visit",
      satisfied: false,
      comment: "电梯仍然停运",
      apologised: true,
      department: "工程部",
      lesson: "维保后需复查",
    });
    expect(reopened.body.status).toBe("assigned");
    const cases = await call("GET", `${C}/cases`, { token: await tokenFor("agent") });
    expect(cases.body.items.find((x: { requestId: string }) => x.requestId === req.id)).toMatchObject({
      source: "follow-up",
      department: "工程部",
    });
  });
});

describe("inquiries, call-back promises and ownership", () => {
  it("a promised call-back is a milestone due at the promised time, met by the answer", async () => {
    const req = await create("agent", { kind: "inquiry", description: "想问下小区停车位月租价格", location: { area: "电话咨询" } });
    const at = new Date(Date.now() + 2 * 3_600_000).toISOString();
    await step("agent", req.id, "promise-callback", { at, text: "对不起,我确认后两小时内给您回电。" });
    const ms = await call("GET", `${C}/requests/${req.id}`, { token: await tokenFor("agent") });
    expect(ms.body.milestones.find((m: { name: string }) => m.name === "callback")).toMatchObject({ status: "open", dueAt: at });
    expect(await statusOf(req.id, "reply")).toEqual(["met"]);
    await step("agent", req.id, "answer", { text: "您好,月租为 300 元。" });
    expect(await statusOf(req.id, "callback")).toEqual(["met"]);
  });

  it("hand-over moves ownership only when the receiver accepts; a portal request belongs to the first who acts", async () => {
    const agent = await tokenFor("agent");
    const receiverRole = "nightManager";
    const receiver = staffIdOf(await tokenFor(receiverRole));
    // Whom to offer it to: the branch's active staff by name and role, never their contact details.
    const colleagues = await call("GET", `${C}/colleagues`, { token: agent });
    expect(colleagues.status).toBe(200);
    expect(colleagues.body.items.find((x: { id: string }) => x.id === receiver)).toMatchObject({
      role: receiverRole,
      name: expect.any(String),
    });
    for (const x of colleagues.body.items) expect(Object.keys(x).sort()).toEqual(["id", "name", "role"]);
    const elsewhere = staffIdOf(await tokenFor("agent", "binjiang"));
    expect(colleagues.body.items.some((x: { id: string }) => x.id === elsewhere)).toBe(false);
    const req = await create("agent", { kind: "help", description: "帮忙联系开锁", location: { area: "3栋" } });
    const offered = await call("POST", `${C}/requests/${req.id}/handover`, {
      token: agent,
      body: { toStaffId: receiver, note: "下班交接" },
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const wf = await call("GET", `${C}/requests/${req.id}/workflow`, { token: agent });
    expect(wf.body.pendingHandOver).toMatchObject({ toId: receiver, status: "pending" });
    expectProblem(
      await call("POST", `${C}/requests/${req.id}/handover/accept`, { token: await tokenFor("serviceSupervisor"), body: {} }),
      403,
    );
    const accepted = await call("POST", `${C}/requests/${req.id}/handover/accept`, { token: await tokenFor(receiverRole), body: {} });
    expect(accepted.body.ownerId).toBe(receiver);
    const mine = await call("GET", `${C}/me/open-items`, { token: await tokenFor(receiverRole) });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(req.id);

    // A portal request is held by whoever is on duty from its first moment; the first desk staff member to act takes it.
    const row = await portalRequest("物业费怎么交");
    const onDuty = staffIdOf(
      await tokenFor(isNightShift(Date.now(), "Asia/Shanghai", { from: "20:00", to: "08:00" }) ? "nightManager" : "serviceSupervisor"),
    );
    expect(row.ownerId).toBe(onDuty);
    expect(
      (
        await call("GET", `${C}/me/open-items`, {
          token: await tokenForStaff(onDuty, onDuty === receiver ? "nightManager" : "serviceSupervisor"),
        })
      ).body.items.map((i: { id: string }) => i.id),
    ).toContain(row.id);
    await step("agent", row.id, "answer", { text: "您好,可在客服中心或线上缴纳。" });
    const detail = await call("GET", `${C}/requests/${row.id}`, { token: agent });
    expect(detail.body.ownerId).toBe(staffIdOf(agent));
  });

  it("take is explicit: the first taker owns it, a second is told to ask for a hand-over, technicians do not take", async () => {
    const row = await portalRequest("楼道灯不亮了,想问问什么时候修");
    const agent = await tokenFor("agent");
    expectProblem(await call("POST", `${C}/requests/${row.id}/take`, { token: await tokenFor("technician") }), 403);
    expectProblem(await call("POST", `${C}/requests/${row.id}/take`, { token: agent, headers: { "if-match": '"7"' } }), 412);
    const taken = await call("POST", `${C}/requests/${row.id}/take`, { token: agent });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ ownerId: staffIdOf(agent), version: 2 });
    const again = await call("POST", `${C}/requests/${row.id}/take`, { token: agent });
    expect(again.body).toMatchObject({ ownerId: staffIdOf(agent), version: 2 });
    expectProblem(await call("POST", `${C}/requests/${row.id}/take`, { token: await tokenFor("serviceSupervisor") }), 409);
    // Acting on it does not take it from its owner either.
    await step("serviceSupervisor", row.id, "answer", { text: "您好,已安排电工今天下午处理。" });
    expect((await call("GET", `${C}/requests/${row.id}`, { token: agent })).body.ownerId).toBe(staffIdOf(agent));
    expectProblem(await call("POST", `${C}/requests/${row.id}/take`, { token: await tokenFor("agent", "binjiang") }), 404);
  });
});

/** A request from the portal, as the console lists it. */
async function portalRequest(description: string) {
  const portal = await call("POST", "/api/v1/public/branches/yangguang/requests", {
    body: { kind: "inquiry", description, contact: { name: "新业主", phone: phone() }, location: { area: "1栋" } },
  });
  expect(portal.status).toBe(201);
  const list = await call("GET", `${C}/requests?kind=inquiry&limit=100`, { token: await tokenFor("agent") });
  return list.body.items.find((i: { trackingCode: string }) => i.trackingCode === portal.body.trackingCode) as {
    id: string;
    ownerId: string | null;
    trackingCode: string;
  };
}

describe("the resident's rating is the repair's follow-up (回访)", () => {
  async function completedRepair(description: string) {
    const req = await create("agent", {
      kind: "repair",
      category: "water-fixture",
      description,
      location: { unitId: await unitOf("yangguang", 2) },
    });
    await step("agent", req.id, "dispatch", { itemCode: "tap-washer" });
    const tech = await assignedTechnician(req.id);
    await step(tech, req.id, "arrive", { confirmed: true });
    const q = await step(tech, req.id, "quote", { lines: [{ code: "tap-washer", qty: 1 }] });
    await resident(req.trackingCode, "accept-quote");
    await step(tech, req.id, "complete-work", { workDone: "更换阀芯", materials: [] });
    const amountFen = q.body.record.quotes.at(-1).totalFen as number;
    await resident(req.trackingCode, "confirm-completion", { amountFen, signature: "周业主" });
    if ((await call("GET", `${C}/requests/${req.id}/workflow`, { token: await tokenFor("agent") })).body.status === "awaitingPayment") {
      await step("agent", req.id, "record-payment", { amountFen, method: "cash", receiptNo: `R-${req.id.slice(-6)}` });
    }
    expect(await statusOf(req.id, "followUp")).toEqual(["open"]);
    return req;
  }

  it("satisfied in the portal: closed, the follow-up met, the score is the request's satisfaction", async () => {
    const req = await completedRepair("卫生间龙头滴水");
    const track = await call("GET", `/api/v1/public/requests/${req.trackingCode}`);
    expect(track.body.workflow.residentActions).toContain("follow-up");
    const rated = await call("POST", `/api/v1/public/requests/${req.trackingCode}/rating`, {
      body: { score: 5, satisfied: true, comment: "师傅很专业" },
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(await statusOf(req.id, "followUp")).toEqual(["met"]);
    const detail = await call("GET", `${C}/requests/${req.id}`, { token: await tokenFor("agent") });
    expect(detail.body).toMatchObject({ status: "closed", satisfaction: 5 });
    expectProblem(await call("POST", `/api/v1/public/requests/${req.trackingCode}/rating`, { body: { score: 4 } }), 409);
  });

  it("not satisfied: needs a reason, then reopens to the service center and feeds the case library", async () => {
    const req = await completedRepair("厨房龙头换了还是漏");
    expectProblem(await call("POST", `/api/v1/public/requests/${req.trackingCode}/rating`, { body: { score: 2 } }), 400, "comment");
    expectProblem(
      await call("POST", `/api/v1/public/requests/${req.trackingCode}/rating`, {
        body: { score: 2, comment: "还是漏", department: "工程部" },
      }),
      400,
    );
    expect(await statusOf(req.id, "followUp")).toEqual(["open"]);
    const rated = await call("POST", `/api/v1/public/requests/${req.trackingCode}/rating`, {
      body: { score: 2, comment: "换完第二天又漏了" },
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(await statusOf(req.id, "followUp")).toEqual(["met"]);
    const wf = await call("GET", `${C}/requests/${req.id}/workflow`, { token: await tokenFor("agent") });
    expect(wf.body.status).toBe("returned");
    const cases = await call("GET", `${C}/cases`, { token: await tokenFor("agent") });
    expect(cases.body.items.find((x: { requestId: string }) => x.requestId === req.id)).toMatchObject({
      source: "follow-up",
      problem: "换完第二天又漏了",
    });
  });
});
