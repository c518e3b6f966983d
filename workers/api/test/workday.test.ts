import { env } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, expectProblem, subjectOf, tokenFor, tokenForStaff } from "./helpers.ts";

const C = "/api/v1/console";
let seq = 0;
const phone = () => `136${String(30_000_000 + ++seq * 6007 + Math.floor(Math.random() * 1000)).slice(-8)}`;

async function create(body: Record<string, unknown>, role = "agent") {
  const res = await call("POST", `${C}/requests`, {
    token: await tokenFor(role),
    body: { channel: "phone", contact: { name: "何业主", phone: phone() }, location: { area: "3栋大堂" }, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; trackingCode: string };
}

async function dispatch(id: string, body: Record<string, unknown> = {}) {
  const res = await call("POST", `${C}/requests/${id}/actions/dispatch`, { token: await tokenFor("engineeringSupervisor"), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const technicianId = res.body.record.technicianId as string;
  return { technicianId, token: await tokenForStaff(technicianId, "technician") };
}

const repair = (extra: Record<string, unknown> = {}) =>
  create({ kind: "repair", category: "door-window", description: "卧室门锁坏了,门关不上", ...extra });

describe("the technician's phone: my jobs, and what the api keeps from a technician", () => {
  it("lists my open jobs by appointment then urgency, with the place, the key and the resident's phone", async () => {
    const techs = await call("GET", `${C}/dispatch-board`, { token: await tokenFor("engineeringSupervisor") });
    const technicianId = techs.body.technicians[0].id as string;
    const later = await repair();
    const soon = await repair({ description: "阳台门合页松了" });
    const none = await repair({ description: "厨房门关不严" });
    const urgent = await create({ kind: "repair", category: "elevator-failure", description: "2栋电梯困人" });
    const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    await dispatch(later.id, { technicianId, itemCode: "door-lock", appointment: { from: at(30), to: at(32) } });
    await dispatch(soon.id, { technicianId, itemCode: "window-hinge", appointment: { from: at(5), to: at(6) }, keyLeft: true });
    await dispatch(none.id, { technicianId, itemCode: "door-lock" });
    const { token } = await dispatch(urgent.id, { technicianId, itemCode: "door-lock" });

    const jobs = await call("GET", `${C}/me/jobs`, { token });
    expect(jobs.status).toBe(200);
    const mine = (jobs.body.items as Array<{ id: string }>).map((j) => j.id);
    const order = [soon.id, later.id, urgent.id, none.id];
    expect(mine.filter((id) => order.includes(id))).toEqual(order); // appointment first, then urgent before normal
    const first = jobs.body.items.find((j: { id: string }) => j.id === soon.id);
    expect(first).toMatchObject({ keyLeft: true, area: "3栋大堂", description: "阳台门合页松了", category: "door-window" });
    expect(first.contactPhone).toMatch(/^1\d{10}$/); // their open job: the phone in full
    expect(Date.parse(first.appointment.from)).toBeGreaterThan(Date.now());

    // Someone else's jobs are not in my list.
    const other = (await call("GET", `${C}/dispatch-board`, { token: await tokenFor("engineeringSupervisor") })).body.technicians.find(
      (t: { id: string }) => t.id !== technicianId,
    );
    if (other) {
      const theirs = await call("GET", `${C}/me/jobs`, { token: await tokenForStaff(other.id, "technician") });
      expect(theirs.body.items.map((j: { id: string }) => j.id)).not.toContain(soon.id);
    }
  });

  it("keeps the register, complaints and other technicians' jobs from a technician (404), and the phone of a closed job", async () => {
    const job = await repair();
    const { token, technicianId } = await dispatch(job.id, { itemCode: "door-lock" });
    expect(subjectOf(token)).toBe(technicianId);

    expectProblem(await call("GET", `${C}/requests`, { token }), 403);
    expectProblem(await call("GET", `${C}/requests?q=门锁`, { token }), 403);
    const complaint = await create({ kind: "complaint", category: "attitude", description: "保安态度恶劣" });
    expectProblem(await call("GET", `${C}/requests/${complaint.id}`, { token }), 404);
    expectProblem(await call("GET", `${C}/requests/${complaint.id}/workflow`, { token }), 404);
    const undispatched = await repair();
    expectProblem(await call("GET", `${C}/requests/${undispatched.id}`, { token }), 404);

    const mine = await call("GET", `${C}/requests/${job.id}`, { token });
    expect(mine.status).toBe(200);
    expect(mine.body.contactPhone).toMatch(/^1\d{10}$/);
    expect((await call("GET", `${C}/requests/${job.id}/workflow`, { token })).status).toBe(200);

    // Done and closed: still theirs to look at, but the phone is masked and it leaves "my jobs".
    const as = async (who: string | { token: string }, action: string, body: unknown) => {
      const res = await call("POST", `${C}/requests/${job.id}/actions/${action}`, {
        token: typeof who === "string" ? await tokenFor(who) : who.token,
        body,
      });
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    const resident = async (action: string, body: unknown) => {
      const res = await call("POST", `/api/v1/public/requests/${job.trackingCode}/actions/${action}`, { body });
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    await as({ token }, "arrive", { confirmed: true });
    await as({ token }, "quote", { lines: [{ code: "door-lock", qty: 1 }] });
    await resident("accept-quote", {});
    await as({ token }, "complete-work", { workDone: "更换门锁", materials: [] });
    const total = (await call("GET", `${C}/requests/${job.id}/workflow`, { token })).body.record.work.totalFen as number;
    await resident("confirm-completion", { amountFen: total, signature: "何" });
    await as("agent", "record-payment", { amountFen: total, method: "cash", receiptNo: `R${seq}` });
    await as("agent", "follow-up", { channel: "phone", satisfied: true });
    const closed = await call("GET", `${C}/requests/${job.id}`, { token });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe("closed");
    expect(closed.body.contactPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await call("GET", `${C}/me/jobs`, { token })).body.items.map((j: { id: string }) => j.id)).not.toContain(job.id);

    // A job withdrawn by the resident is no longer theirs at all.
    const withdrawnJob = await repair();
    const other = await dispatch(withdrawnJob.id, { itemCode: "door-lock", technicianId });
    const withdrawn = await call("POST", `/api/v1/public/requests/${withdrawnJob.trackingCode}/actions/withdraw`, {
      body: { reason: "自己修好了" },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expectProblem(await call("GET", `${C}/requests/${withdrawnJob.id}`, { token: other.token }), 404);

    // The desk still reads everything in full.
    const agent = await call("GET", `${C}/requests/${job.id}`, { token: await tokenFor("agent") });
    expect(agent.body.contactPhone).toMatch(/^1\d{10}$/);
    expect((await call("GET", `${C}/requests?q=门锁`, { token: await tokenFor("agent") })).status).toBe(200);
  });

  it("records the appointment and the key at dispatch on the request and the tracking page, and refuses a bad one", async () => {
    const job = await repair();
    const from = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 4 * 3_600_000).toISOString();
    const bad = await call("POST", `${C}/requests/${job.id}/actions/dispatch`, {
      token: await tokenFor("engineeringSupervisor"),
      body: { itemCode: "door-lock", appointment: { from: to, to: from } },
    });
    expectProblem(bad, 400, "appointment.to");
    const { technicianId } = await dispatch(job.id, { itemCode: "door-lock", appointment: { from, to }, keyLeft: true });
    const detail = await call("GET", `${C}/requests/${job.id}`, { token: await tokenFor("agent") });
    expect(detail.body).toMatchObject({ keyLeft: true, appointment: { from, to } });
    const event = detail.body.events.find((e: { type: string }) => e.type === "workflow.dispatch");
    expect(event.data).toMatchObject({ technicianId, technicianName: expect.any(String), keyLeft: true });

    const tracking = await call("GET", `/api/v1/public/requests/${job.trackingCode}`);
    expect(tracking.body.visit).toEqual({ technician: event.data.technicianName, appointment: { from, to }, keyLeft: true });
  });

  it("puts urgent orders first on the dispatch board, each with what a card shows, and names the skills", async () => {
    const normal = await repair({ description: "卫生间门把手松了" });
    const urgent = await create({ kind: "repair", category: "elevator-failure", description: "5栋电梯困人,两人被困" });
    const board = await call("GET", `${C}/dispatch-board`, { token: await tokenFor("engineeringSupervisor") });
    const ids = board.body.unassigned.map((o: { id: string }) => o.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(normal.id));
    const card = board.body.unassigned.find((o: { id: string }) => o.id === urgent.id);
    expect(card).toMatchObject({ urgency: "urgent", category: "elevator-failure", description: "5栋电梯困人,两人被困", area: "3栋大堂" });
    expect(board.body.skills).toEqual(expect.arrayContaining([{ code: "plumbing", name: { zh: "水暖", en: "Plumbing" } }]));
    expectProblem(await call("GET", `${C}/dispatch-board`, { token: await tokenFor("technician") }), 403);
  });
});

describe("the inbox counts right and leads somewhere", () => {
  it("marks one item read, refuses another's, marks all read, and each item names its subject", async () => {
    const token = await tokenFor("branchManager");
    // An alarm reaches the manager's inbox through the notify worker; here, rows as it writes them.
    const dbs = openDatabases(env as never);
    const branch = (await dbs.branch({ slug: "yangguang" }))!;
    const db = dbs.branchDb(branch);
    const me = subjectOf(token);
    const job = await repair();
    const id = (n: number) => `inb_test_${seq}_${n}_${Math.random().toString(36).slice(2, 8)}`;
    const rows = [
      { id: id(1), requestId: job.id, subjectType: null, subjectId: null },
      { id: id(2), requestId: null, subjectType: "notice", subjectId: "ntc_x" },
      { id: id(3), requestId: null, subjectType: "handover", subjectId: "hdo_x" },
    ];
    for (const r of rows)
      await db.$client.execute({
        sql: "insert into inbox (id, notification_id, recipient_type, recipient_id, type, title, body, request_id, subject_type, subject_id, created_at) values (?, ?, 'staff', ?, 't', '标题', '内容', ?, ?, ?, ?)",
        args: [r.id, r.id, me, r.requestId, r.subjectType, r.subjectId, Date.now()],
      });
    const before = await call("GET", `${C}/inbox`, { token });
    expect(before.status).toBe(200);
    const item = (i: string) => before.body.items.find((x: { id: string }) => x.id === i);
    expect(item(rows[0]!.id).subject).toEqual({ type: "request", id: job.id, trackingCode: job.trackingCode });
    expect(item(rows[1]!.id).subject).toEqual({ type: "notice", id: "ntc_x" });
    expect(item(rows[2]!.id).subject).toEqual({ type: "handover", id: "hdo_x" });

    expect((await call("POST", `${C}/inbox/${rows[0]!.id}/read`, { token })).status).toBe(204);
    const after = await call("GET", `${C}/inbox`, { token });
    expect(after.body.unread).toBe(before.body.unread - 1);
    expectProblem(await call("POST", `${C}/inbox/${rows[0]!.id}/read`, { token }), 404); // already read
    expectProblem(await call("POST", `${C}/inbox/${rows[1]!.id}/read`, { token: await tokenFor("agent") }), 404); // not theirs

    const all = await call("POST", `${C}/inbox/read-all`, { token });
    expect(all.status).toBe(200);
    expect(all.body.marked).toBe(after.body.unread);
    expect((await call("GET", `${C}/inbox`, { token })).body.unread).toBe(0);
    expectProblem(await call("POST", `${C}/inbox/read-all`, {}), 401);
  });
});

describe("residents are kept informed", () => {
  it("a request taken by phone queues the tracking link by SMS to the caller; one from the portal does not", async () => {
    const caller = phone();
    const res = await call("POST", `${C}/requests`, {
      token: await tokenFor("agent"),
      body: {
        channel: "phone",
        kind: "repair",
        category: "water-fixture",
        description: "厨房水管滴水",
        contact: { name: "来电业主", phone: caller },
        location: { area: "1栋" },
      },
    });
    expect(res.status).toBe(201);
    const dbs = openDatabases(env as never);
    const db = dbs.branchDb((await dbs.branch({ slug: "yangguang" }))!);
    const outbox = await db.$client.execute({
      sql: "select payload from outbox where topic = 'notifications' and json_extract(payload, '$.requestId') = ? and json_extract(payload, '$.type') = 'request.trackingLink'",
      args: [res.body.id],
    });
    expect(outbox.rows).toHaveLength(1);
    const payload = JSON.parse(String(outbox.rows[0]!.payload));
    expect(payload.to).toBe(caller);
    expect(payload.params.link).toBe(`http://localhost/b/yangguang/t/${res.body.trackingCode}`);

    const portal = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "repair",
        category: "water-fixture",
        description: "阳台水管滴水",
        contact: { name: "业主", phone: phone() },
        location: { area: "1栋" },
      },
    });
    expect(portal.status).toBe(201);
    const none = await db.$client.execute({
      sql: "select count(*) as n from outbox where json_extract(payload, '$.requestId') = ? and json_extract(payload, '$.type') = 'request.trackingLink'",
      args: [portal.body.id],
    });
    expect(Number(none.rows[0]!.n)).toBe(0);
  });
});

describe("the resident's list and inbox", () => {
  it("shows each request's description and next step, and reads the inbox one by one or all at once", async () => {
    const mobile = phone();
    const made = await create({
      kind: "repair",
      category: "water-fixture",
      description: "卫生间水龙头一直滴水",
      contact: { name: "曹业主", phone: mobile },
    });
    expect((await call("POST", "/api/v1/public/branches/yangguang/verify/start", { body: { phone: mobile } })).status).toBe(202);
    const dbs = openDatabases(env as never);
    const db = dbs.branchDb((await dbs.branch({ slug: "yangguang" }))!);
    const sent = await db.$client.execute({
      sql: "select payload from outbox where json_extract(payload, '$.type') = 'resident.otp' and json_extract(payload, '$.to') = ?",
      args: [mobile],
    });
    const code = JSON.parse(String(sent.rows.at(-1)!.payload)).params.code as string;
    const verified = await call("POST", "/api/v1/public/branches/yangguang/verify/confirm", { body: { phone: mobile, code } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const token = verified.body.token as string;

    const mine = await call("GET", "/api/v1/public/branches/yangguang/my/requests", { token });
    expect(mine.body.items.find((r: { trackingCode: string }) => r.trackingCode === made.trackingCode)).toMatchObject({
      description: "卫生间水龙头一直滴水",
      nextStep: { waiting: "dispatch" },
    });

    const resident = await db.$client.execute({ sql: "select id from residents where phone = ?", args: [mobile] });
    const residentId = String(resident.rows[0]!.id);
    const ids = [1, 2, 3].map((n) => `inb_res_${seq}_${n}_${Math.random().toString(36).slice(2, 8)}`);
    for (const id of ids)
      await db.$client.execute({
        sql: "insert into inbox (id, notification_id, recipient_type, recipient_id, type, title, body, request_id, created_at) values (?, ?, 'resident', ?, 't', '标题', '内容', ?, ?)",
        args: [id, id, residentId, made.id, Date.now()],
      });
    const my = "/api/v1/public/branches/yangguang/my/inbox";
    const before = await call("GET", my, { token });
    expect(before.body.unread).toBe(3);
    expect(before.body.items[0].subject).toEqual({ type: "request", id: made.id, trackingCode: made.trackingCode });
    expect((await call("POST", `${my}/${ids[0]}/read`, { token })).status).toBe(204);
    expect((await call("GET", my, { token })).body.unread).toBe(2);
    expectProblem(await call("POST", `${my}/${ids[0]}/read`, { token }), 404);
    expectProblem(await call("POST", `${my}/${ids[1]}/read`, {}), 401);
    expectProblem(await call("POST", `/api/v1/public/branches/binjiang/my/inbox/${ids[1]}/read`, { token }), 404); // another branch
    const all = await call("POST", `${my}/read-all`, { token });
    expect(all.body.marked).toBe(2);
    expect((await call("GET", my, { token })).body.unread).toBe(0);
  });
});
