import { env } from "cloudflare:test";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, expectProblem, loginOf, tokenFor } from "./helpers.ts";

const branchDb = async (slug: string) => {
  const dbs = openDatabases(env);
  const branch = (await dbs.branch({ slug }))!;
  return { branch, db: dbs.branchDb(branch), control: dbs.control };
};

describe("inbox with ETag polling", () => {
  it("answers 304 until something arrives, then the new item; read marks it", async () => {
    const token = await tokenFor("serviceSupervisor", "binjiang");
    const first = await call("GET", "/api/v1/console/inbox", { token });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect((await call("GET", "/api/v1/console/inbox", { token, headers: { "if-none-match": etag } })).status).toBe(304);
    const { db, control } = await branchDb("binjiang");
    const me = await control.$client.execute({
      sql: "select id from staff where email = ?",
      args: [loginOf("serviceSupervisor", "binjiang").email],
    });
    const staffId = String(me.rows[0]!.id);
    const id = `ntf_test_${Math.random()}:${staffId}`;
    await db.$client.execute({
      sql: "insert into inbox (id, notification_id, recipient_type, recipient_id, type, title, body, created_at) values (?, ?, 'staff', ?, 'milestone.breach', '【已超时】到场', '…', ?)",
      args: [id, id, staffId, Date.now()],
    });
    const changed = await call("GET", "/api/v1/console/inbox", { token, headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.unread).toBe(first.body.unread + 1);
    expect(changed.body.items[0].id).toBe(id);
    expect((await call("POST", `/api/v1/console/inbox/${encodeURIComponent(id)}/read`, { token })).status).toBe(204);
    expectProblem(await call("POST", `/api/v1/console/inbox/${encodeURIComponent(id)}/read`, { token }), 404);
    // Someone else's inbox item cannot be touched.
    expectProblem(
      await call("POST", `/api/v1/console/inbox/${encodeURIComponent(id)}/read`, { token: await tokenFor("agent", "binjiang") }),
      404,
    );
  });
});

describe("failed deliveries", () => {
  it("lists failures with reasons and retries one now", async () => {
    const { branch, db } = await branchDb("hupan");
    const nid = `ntf_fail_${Math.random().toString(36).slice(2)}`;
    const payload = { notificationId: nid, type: "milestone.breach", branchId: branch.id, orgId: branch.orgId, recipients: ["owner"] };
    await db.$client.execute({
      sql: "insert into deliveries (id, notification_id, channel, recipient, subject, body, status, error, attempts, payload, created_at) values (?, ?, 'sms', '13800138001', 't', 'b', 'dead', 'gave up after 6 attempts: sms failed with 503', 6, ?, ?)",
      args: [`${nid}:sms`, nid, JSON.stringify(payload), Date.now()],
    });
    const supervisor = await tokenFor("serviceSupervisor", "hupan");
    const list = await call("GET", "/api/v1/console/deliveries?status=dead", { token: supervisor });
    const item = list.body.items.find((i: { notificationId: string }) => i.notificationId === nid);
    expect(item).toMatchObject({ status: "dead", error: "gave up after 6 attempts: sms failed with 503", recipient: "138****8001" });
    expectProblem(await call("GET", "/api/v1/console/deliveries", { token: await tokenFor("technician", "hupan") }), 403);
    expect((await call("POST", `/api/v1/console/deliveries/${nid}/retry`, { token: supervisor })).status).toBe(202);
    const row = await db.$client.execute({ sql: "select status from deliveries where notification_id = ?", args: [nid] });
    expect(row.rows[0]!.status).toBe("failed");
    const queued = await db.$client.execute({
      sql: "select count(*) as n from outbox where topic = 'notifications' and json_extract(payload, '$.notificationId') = ?",
      args: [nid],
    });
    expect(queued.rows[0]!.n).toBe(1);
    expectProblem(await call("POST", `/api/v1/console/deliveries/ntf_nope/retry`, { token: supervisor }), 404);
  });
});

describe("preferences", () => {
  it("staff choose channels per notice type; bad ones are refused", async () => {
    const token = await tokenFor("branchManager", "yangguang");
    expect(
      (
        await call("PUT", "/api/v1/console/me/notification-preferences", {
          token,
          body: { byType: { "milestone.escalation": ["inbox", "sms"] } },
        })
      ).status,
    ).toBe(204);
    expectProblem(
      await call("PUT", "/api/v1/console/me/notification-preferences", { token, body: { byType: { "milestone.escalation": ["pigeon"] } } }),
      400,
    );
    expectProblem(
      await call("PUT", "/api/v1/console/me/notification-preferences", { token, body: { byType: { "no.such.type": ["sms"] } } }),
      400,
    );
  });
});

describe("intake notices", () => {
  it("an emergency alerts the branch manager at once through the outbox", async () => {
    const res = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "disaster",
        category: "fire",
        description: "3栋地下车库冒烟",
        contact: { name: "孔", phone: "13200132001" },
        location: { area: "3栋车库" },
      },
    });
    expect(res.status).toBe(201);
    const { db } = await branchDb("yangguang");
    const rows = await db.$client.execute({
      sql: "select payload from outbox where topic = 'notifications' and json_extract(payload, '$.requestId') = ?",
      args: [res.body.id],
    });
    const payloads = rows.rows.map((r) => JSON.parse(String(r.payload)));
    expect(payloads).toEqual([expect.objectContaining({ type: "request.alarm", recipients: ["branchManager", "owner"] })]);
  });
});
