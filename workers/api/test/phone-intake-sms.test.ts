import { env } from "cloudflare:test";
import { hourWindow, SMS_HOURLY_LIMITS, smsHoldText } from "@wuye/core";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor } from "./helpers.ts";

// The tracking-link text of a request staff take by phone costs money like a verification code: it counts against
// the same hourly limits per phone and per branch, and the daily budget. Past them the request is still recorded.

const C = "/api/v1/console";
let seq = 0;
const phone = () => `135${String(40_000_000 + ++seq * 7927 + Math.floor(Math.random() * 1000)).slice(-8)}`;

const branchDb = async (slug: string) => {
  const dbs = openDatabases(env);
  return dbs.branchDb((await dbs.branch({ slug }))!);
};

async function takeCall(slug: string, caller: string, headers: Record<string, string> = {}, description = `来电报修 ${Math.random()}`) {
  const res = await call("POST", `${C}/requests`, {
    token: await tokenFor("agent", slug),
    headers,
    body: {
      channel: "phone",
      kind: "repair",
      category: "water-fixture",
      description,
      contact: { name: "来电业主", phone: caller },
      location: { area: "2栋" },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; trackingCode: string; trackingSms?: { status: string; reason?: string; limit?: number } };
}

/** The tracking-link notification written for a request, as the notify worker will read it. */
async function linkOf(slug: string, requestId: string) {
  const rows = await (await branchDb(slug)).$client.execute({
    sql: "select payload from outbox where json_extract(payload, '$.requestId') = ? and json_extract(payload, '$.type') = 'request.trackingLink'",
    args: [requestId],
  });
  return rows.rows.map((r) => JSON.parse(String(r.payload)) as { to: string; heldBy?: string });
}

async function setBudget(slug: string, smsDailyBudget: number) {
  const token = await tokenFor("branchManager", slug);
  const current = await call("GET", `${C}/settings`, { token });
  const res = await call("PATCH", `${C}/settings`, {
    token,
    body: { smsDailyBudget },
    headers: { "if-match": current.headers.get("etag")! },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { smsDailyBudget: number; publicDailyLimit: number };
}

describe("the tracking link texted for phone intake", () => {
  it("is texted under the limits; past a phone's hourly limit it is held, the request recorded all the same", async () => {
    const caller = phone();
    const made = [];
    for (let i = 0; i < SMS_HOURLY_LIMITS.perPhone; i++) made.push(await takeCall("yangguang", caller));
    expect(made.map((m) => m.trackingSms)).toEqual(made.map(() => ({ status: "queued" })));
    expect(await linkOf("yangguang", made[0]!.id)).toEqual([expect.not.objectContaining({ heldBy: expect.anything() })]);

    const over = await takeCall("yangguang", caller);
    expect(over.trackingSms).toEqual({ status: "held", reason: "phone-hourly", limit: SMS_HOURLY_LIMITS.perPhone });
    // Not lost: in the register, and its text is on record as held (the deliveries screen shows it with the reason).
    const read = await call("GET", `${C}/requests/${over.id}`, { token: await tokenFor("agent") });
    expect(read.status).toBe(200);
    expect(read.body.trackingCode).toBe(over.trackingCode);
    expect(await linkOf("yangguang", over.id)).toEqual([expect.objectContaining({ to: caller, heldBy: "phone-hourly" })]);

    // Another caller is texted; the same caller is not offered codes either (one limit for every text to a phone).
    expect((await takeCall("yangguang", phone())).trackingSms).toEqual({ status: "queued" });
    expectProblem(await call("POST", "/api/v1/public/branches/yangguang/verify/start", { body: { phone: caller } }), 429);
  });

  it("holds the text when the branch has texted its hourly limit, and counts a replayed call once", async () => {
    const db = await branchDb("hupan");
    const caller = phone();
    const key = `sms-limits-${Math.random()}`;
    const first = await takeCall("hupan", caller, { "idempotency-key": key }, "厨房漏水");
    const again = await takeCall("hupan", caller, { "idempotency-key": key }, "厨房漏水");
    expect(again).toEqual(first);
    const counted = await db.$client.execute({
      sql: "select count from rate_counters where key = ? and window = ?",
      args: [`sms-phone:${caller}`, hourWindow(Date.now())],
    });
    expect(Number(counted.rows[0]!.count)).toBe(1);

    // The branch's hourly count at its cap (as after a busy hour): the next caller's text waits, the request does not.
    const window = hourWindow(Date.now());
    const before = await db.$client.execute({
      sql: "select count from rate_counters where key = 'sms-branch' and window = ?",
      args: [window],
    });
    await db.$client.execute({
      sql: "update rate_counters set count = cap where key = 'sms-branch' and window = ?",
      args: [window],
    });
    try {
      const busy = await takeCall("hupan", phone());
      expect(busy.trackingSms).toEqual({ status: "held", reason: "branch-hourly", limit: SMS_HOURLY_LIMITS.perBranch });
      expect(await linkOf("hupan", busy.id)).toEqual([expect.objectContaining({ heldBy: "branch-hourly" })]);
    } finally {
      await db.$client.execute({
        sql: "update rate_counters set count = ? where key = 'sms-branch' and window = ?",
        args: [Number(before.rows[0]!.count), window],
      });
    }
  });

  it("holds the text when the day's budget is spent; a request found by staff or from the portal texts nobody", async () => {
    const saved = await setBudget("hupan", 0);
    expect(saved.smsDailyBudget).toBe(0);
    try {
      const spent = await takeCall("hupan", phone());
      expect(spent.trackingSms).toEqual({ status: "held", reason: "daily-budget", limit: 0 });
      // Queued as usual: the notify worker holds it with the reason and alarms the manager (or sends it, if the
      // budget was raised meanwhile); the hourly counters are not charged for it.
      expect(await linkOf("hupan", spent.id)).toEqual([expect.not.objectContaining({ heldBy: expect.anything() })]);
    } finally {
      expect((await setBudget("hupan", 500)).smsDailyBudget).toBe(500);
    }
    const portal = await call("POST", "/api/v1/public/branches/hupan/requests", {
      body: { kind: "inquiry", description: "物业电话多少", contact: { name: "业主", phone: phone() }, location: { area: "门口" } },
    });
    expect(portal.status).toBe(201);
    expect(portal.body).not.toHaveProperty("trackingSms");
    const found = await call("POST", `${C}/requests`, {
      token: await tokenFor("agent", "hupan"),
      body: {
        channel: "staff-found",
        kind: "repair",
        description: "楼道灯不亮",
        contact: { name: "巡查", phone: phone() },
        location: { area: "3栋" },
      },
    });
    expect(found.status).toBe(201);
    expect(found.body).not.toHaveProperty("trackingSms");
  });
});

describe("the daily SMS budget setting", () => {
  it("is read and changed with the branch settings, validated, by those who may change settings only", async () => {
    const token = await tokenFor("branchManager", "binjiang");
    const current = await call("GET", `${C}/settings`, { token });
    expect(current.body.smsDailyBudget).toBe(500); // the default
    const etag = current.headers.get("etag")!;
    for (const bad of [-1, 100_001, 1.5, "300", null]) {
      expectProblem(
        await call("PATCH", `${C}/settings`, { token, body: { smsDailyBudget: bad }, headers: { "if-match": etag } }),
        400,
        "smsDailyBudget",
      );
    }
    expectProblem(
      await call("PATCH", `${C}/settings`, {
        token: await tokenFor("agent", "binjiang"),
        body: { smsDailyBudget: 5 },
        headers: { "if-match": etag },
      }),
      403,
    );
    expectProblem(await call("PATCH", `${C}/settings`, { body: { smsDailyBudget: 5 }, headers: { "if-match": etag } }), 401);
    const after = await call("GET", `${C}/settings`, { token });
    expect(after.body.smsDailyBudget).toBe(500);
    expect(after.headers.get("etag")).toBe(etag); // refused changes changed nothing
  });
});

describe("held deliveries", () => {
  it("are listed with their reason and can be sent now: queued again without the hold", async () => {
    const db = await branchDb("binjiang");
    const nid = `ntf_held_${Math.random().toString(36).slice(2)}`;
    const payload = {
      notificationId: nid,
      type: "request.trackingLink",
      branchId: "x",
      orgId: "y",
      to: "13800138001",
      recipients: [],
      params: {},
      heldBy: "daily-budget",
    };
    await db.$client.execute({
      sql: "insert into deliveries (id, notification_id, channel, recipient, subject, body, status, error, attempts, payload, created_at) values (?, ?, 'sms', '13800138001', 't', 'b', 'held', 'daily SMS budget of 500 spent', 1, ?, ?)",
      args: [`${nid}:sms`, nid, JSON.stringify(payload), Date.now()],
    });
    const supervisor = await tokenFor("serviceSupervisor", "binjiang");
    for (const query of ["", "?status=held"]) {
      const list = await call("GET", `${C}/deliveries${query}`, { token: supervisor });
      expect(list.status).toBe(200);
      expect(list.body.items.find((i: { notificationId: string }) => i.notificationId === nid)).toMatchObject({
        status: "held",
        error: "daily SMS budget of 500 spent",
        recipient: "138****8001",
      });
    }
    expectProblem(await call("GET", `${C}/deliveries?status=lost`, { token: supervisor }), 400, "status");
    expect((await call("POST", `${C}/deliveries/${nid}/retry`, { token: supervisor })).status).toBe(202);
    const queued = await db.$client.execute({
      sql: "select payload from outbox where json_extract(payload, '$.notificationId') = ?",
      args: [nid],
    });
    expect(queued.rows).toHaveLength(1);
    expect(JSON.parse(String(queued.rows[0]!.payload))).not.toHaveProperty("heldBy");
  });
});

describe("a request's messages", () => {
  it("show on its page, the held tracking link with its reason; only to who may read the request", async () => {
    const made = await takeCall("binjiang", phone());
    const db = await branchDb("binjiang");
    // As the notify worker records a text it holds: the notification as queued, its reason as the error.
    const queued = await db.$client.execute({
      sql: "select payload from outbox where json_extract(payload, '$.requestId') = ? and json_extract(payload, '$.type') = 'request.trackingLink'",
      args: [made.id],
    });
    const payload = JSON.parse(String(queued.rows[0]!.payload)) as { notificationId: string; to: string };
    await db.$client.execute({
      sql: "insert into deliveries (id, notification_id, channel, recipient, subject, body, status, error, attempts, payload, created_at) values (?, ?, 'sms', ?, null, 'b', 'held', ?, 1, ?, ?)",
      args: [
        `${payload.notificationId}:sms`,
        payload.notificationId,
        payload.to,
        smsHoldText("daily-budget", 500),
        JSON.stringify(payload),
        Date.now(),
      ],
    });
    const path = `${C}/requests/${made.id}/deliveries`;
    const list = await call("GET", path, { token: await tokenFor("agent", "binjiang") });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ type: "request.trackingLink", channel: "sms", status: "held", error: smsHoldText("daily-budget", 500) }),
    ]);
    expect(list.body.items[0].recipient).toMatch(/^\d{3}\*{4}\d{4}$/);
    // Another branch's staff, a technician the repair is not assigned to, an unknown request: not found.
    expectProblem(await call("GET", path, { token: await tokenFor("agent", "yangguang") }), 404);
    expectProblem(await call("GET", path, { token: await tokenFor("technician", "binjiang") }), 404);
    expectProblem(await call("GET", `${C}/requests/req_nothing/deliveries`, { token: await tokenFor("agent", "binjiang") }), 404);
    expect((await call("GET", path)).status).toBe(401);
  });
});
