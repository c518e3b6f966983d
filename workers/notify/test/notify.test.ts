import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { DEFAULT_POLICY, defaultBranchSettings, MAX_DELIVERY_ATTEMPTS, planIntake, type RequestKind } from "@wuye/core";
import { getBranchSettings, openDatabases, recordIntake, updateBranchSettings } from "@wuye/db";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";

const SECRET = "test-webhook-secret-0123456789";
const dbs = () => openDatabases(env);

async function run(bodies: unknown[], attempts = 1, queue = "notifications") {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `n${i}-${Math.random()}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env as never, ctx);
  return getQueueResult(batch, ctx);
}

async function configure(slug: string, notifications: Record<string, unknown>) {
  const d = dbs();
  const branch = (await d.branch({ slug }))!;
  const row = await getBranchSettings(d.control, branch.id);
  const res = await updateBranchSettings(d.control, {
    branchId: branch.id,
    expectedVersion: row!.version,
    settings: { ...row!.settings, notifications: { quietHours: { from: "00:00", to: "00:00" }, ...notifications } },
    by: "test",
    now: Date.now(),
  });
  expect(res.ok).toBe(true);
  return branch;
}

async function request(slug: string, kind: RequestKind = "repair", category = "elevator-failure", phone = "13800138001") {
  const d = dbs();
  const branch = (await d.branch({ slug }))!;
  const at = Date.now();
  const plan = planIntake(
    { kind, category, description: "电梯困人", contact: { name: "林", phone }, location: { area: "2栋" } },
    {
      branch,
      settings: defaultBranchSettings(),
      policy: DEFAULT_POLICY,
      channel: "phone",
      actor: null,
      dutyOwnerId: null,
      place: { area: "2栋", communityId: null },
      now: at,
    },
  );
  await recordIntake(d.branchDb(branch), plan, branch);
  return { branch, plan };
}

const breach = (branch: { id: string; orgId: string }, requestId: string, id: string) => ({
  notificationId: id,
  type: "milestone.breach",
  branchId: branch.id,
  orgId: branch.orgId,
  requestId,
  milestone: "onSite",
  kind: "repair",
  dueAt: Date.now(),
  noticeKey: "breach",
  recipients: ["owner"],
});

async function received(): Promise<Array<{ path: string; verdict: string; body: string }>> {
  return (await (await fetch("https://hooks.test/__received")).json()) as never;
}

describe("notify consumer", () => {
  it("renders into the inbox in the recipient's language, once however often a message arrives", async () => {
    const branch = await configure("yangguang", {});
    const { plan } = await request("yangguang");
    const n = breach(branch, plan.request.id, `ntf_${plan.milestones[0]!.id}_breach`);
    const first = await run([n, n, { nonsense: 1 }]);
    expect(first.explicitAcks).toHaveLength(2);
    expect(first.retryMessages).toHaveLength(1); // the malformed one: retried until dead-lettered, not lost
    await run([n]);
    const rows = await dbs()
      .branchDb(branch)
      .$client.execute({ sql: "select recipient_id, title, body from inbox where notification_id = ?", args: [n.notificationId] });
    const supervisors = await dbs().control.$client.execute({
      sql: "select id from staff where branch_id = ? and role = 'serviceSupervisor'",
      args: [branch.id],
    });
    expect(rows.rows).toHaveLength(supervisors.rows.length); // no owner yet: the supervisor is told
    expect(rows.rows[0]!.title).toBe("【已超时】到场");
    expect(String(rows.rows[0]!.body)).toContain(plan.request.trackingCode);
  });

  it("posts signed webhooks that a receiver verifies, and never sends one twice", async () => {
    const branch = await configure("yangguang", { webhook: { url: "https://hooks.test/ok", secret: SECRET } });
    const { plan } = await request("yangguang");
    const n = breach(branch, plan.request.id, `ntf_${plan.milestones[0]!.id}_breach-hook`);
    await run([n]);
    await run([n]); // redelivered
    const calls = (await received()).filter((r) => r.body.includes(n.notificationId));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ path: "/ok", verdict: "ok" });
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ id: n.notificationId, title: "【已超时】到场", type: "milestone.breach" });
  });

  it("retries alone the message whose channel fails, acking the rest of the batch", async () => {
    const ok = await configure("yangguang", { webhook: { url: "https://hooks.test/ok", secret: SECRET } });
    const bad = await configure("binjiang", { webhook: { url: "https://hooks.test/fail", secret: SECRET } });
    const a = await request("yangguang");
    const b = await request("binjiang");
    const result = await run([
      breach(ok, a.plan.request.id, `ntf_${a.plan.request.id}_ok`),
      breach(bad, b.plan.request.id, `ntf_${b.plan.request.id}_fail`),
    ]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(1);
    const row = await dbs()
      .branchDb(bad)
      .$client.execute({ sql: "select status, error from deliveries where notification_id = ?", args: [`ntf_${b.plan.request.id}_fail`] });
    expect(row.rows[0]).toMatchObject({ status: "failed", error: "webhook failed with 500" });
  });

  it("dead-letters with its reason after the last attempt, and does not retry a 4xx", async () => {
    const bad = await configure("binjiang", { webhook: { url: "https://hooks.test/fail", secret: SECRET } });
    const b = await request("binjiang");
    const id = `ntf_${b.plan.request.id}_dead`;
    const last = await run([breach(bad, b.plan.request.id, id)], MAX_DELIVERY_ATTEMPTS);
    expect(last.explicitAcks).toHaveLength(1);
    expect(last.retryMessages).toHaveLength(0);
    const row = await dbs()
      .branchDb(bad)
      .$client.execute({ sql: "select status, error from deliveries where notification_id = ?", args: [id] });
    expect(row.rows[0]!.status).toBe("dead");
    expect(String(row.rows[0]!.error)).toMatch(
      new RegExp(`gave up after ${MAX_DELIVERY_ATTEMPTS} attempts: webhook:webhook failed with 500`),
    );

    const rejecting = await configure("hupan", { webhook: { url: "https://hooks.test/reject", secret: SECRET } });
    const h = await request("hupan");
    const r = await run([breach(rejecting, h.plan.request.id, `ntf_${h.plan.request.id}_4xx`)]);
    expect(r.explicitAcks).toHaveLength(1);
    expect(r.retryMessages).toHaveLength(0);
    const refused = await dbs()
      .branchDb(rejecting)
      .$client.execute({ sql: "select status, error from deliveries where notification_id = ?", args: [`ntf_${h.plan.request.id}_4xx`] });
    expect(refused.rows[0]).toMatchObject({ status: "dead", error: "webhook refused with 400" });
  });

  it("records what the platform dead-letters", async () => {
    const bad = await configure("binjiang", { webhook: { url: "https://hooks.test/fail", secret: SECRET } });
    const b = await request("binjiang");
    const n = breach(bad, b.plan.request.id, `ntf_${b.plan.request.id}_dlq`);
    await run([n]);
    await run([n], 1, "notifications-dlq");
    const row = await dbs()
      .branchDb(bad)
      .$client.execute({ sql: "select status, error from deliveries where notification_id = ?", args: [n.notificationId] });
    expect(row.rows[0]).toMatchObject({ status: "dead", error: "dead-lettered by the queue after its retries" });
  });

  it("sends one-time codes by SMS (the dev sink outside production)", async () => {
    const branch = await configure("hupan", {});
    const n = {
      notificationId: `ntf_otp_${Math.random()}`,
      type: "resident.otp",
      branchId: branch.id,
      orgId: branch.orgId,
      to: "13900139002",
      params: { code: "246810" },
      recipients: [],
    };
    await run([n]);
    const row = await dbs()
      .branchDb(branch)
      .$client.execute({
        sql: "select channel, recipient, body, status from deliveries where notification_id = ?",
        args: [n.notificationId],
      });
    expect(row.rows[0]).toMatchObject({ channel: "sms", recipient: "13900139002", status: "sent" });
    expect(String(row.rows[0]!.body)).toContain("246810");
  });

  it("in quiet hours puts a resident's notice in the inbox at once and holds back only the SMS; alarms and staff are not held", async () => {
    const branch = await configure("yangguang", { quietHours: { from: "00:00", to: "23:59" } });
    const d = dbs();
    const db = d.branchDb(branch);
    const resident = await db.$client.execute("select id, phone from residents where verified_at is not null limit 1");
    const residentId = String(resident.rows[0]!.id);
    await db.$client.execute({ sql: 'update residents set channels = \'["inbox","sms"]\' where id = ?', args: [residentId] });
    const { plan } = await request("yangguang", "security", "theft", String(resident.rows[0]!.phone));
    const linked = await db.$client.execute({ sql: "select resident_id from requests where id = ?", args: [plan.request.id] });
    expect(linked.rows[0]!.resident_id).toBe(residentId); // linked by the contact phone as it was written
    expect(plan.notices.map((x) => x.type).sort()).toEqual(["request.alarm", "request.received"]);
    const payloads = await db.$client.execute({
      sql: "select payload from outbox where topic = 'notifications' and json_extract(payload, '$.requestId') = ?",
      args: [plan.request.id],
    });
    const messages = payloads.rows.map((r) => JSON.parse(String(r.payload)));
    const first = await run(messages);
    expect(first.explicitAcks).toHaveLength(messages.length); // the held one goes back to the queue with a delay, not as a retry
    expect(first.retryMessages).toHaveLength(0);
    const inbox = await db.$client.execute({ sql: "select recipient_type, type from inbox where request_id = ?", args: [plan.request.id] });
    const types = inbox.rows.map((r) => `${r.recipient_type}:${r.type}`);
    expect(types).toContain("staff:request.alarm"); // the manager hears of a theft at once
    expect(types).toContain("resident:request.received"); // the resident's inbox at once
    const sms = async () =>
      (
        await db.$client.execute({
          sql: "select d.recipient, d.status from deliveries d where d.channel = 'sms' and d.notification_id in (select notification_id from inbox where request_id = ? and recipient_type = 'resident')",
          args: [plan.request.id],
        })
      ).rows;
    // The SMS waits for the morning, on record as held with the hour it waits for.
    expect((await sms()).map((r) => r.status)).toEqual(["held"]);

    // Morning: the same message comes back; the SMS goes, the inbox row is not repeated.
    await configure("yangguang", {});
    await run(messages.filter((m) => m.type === "request.received"));
    expect((await sms()).map((r) => [r.recipient, r.status])).toEqual([[String(resident.rows[0]!.phone), "sent"]]);
    const again = await db.$client.execute({
      sql: "select count(*) as n from inbox where request_id = ? and recipient_type = 'resident'",
      args: [plan.request.id],
    });
    expect(Number(again.rows[0]!.n)).toBe(1);
  });

  it("renders the dispatch notice with the technician and the appointment in the branch's time zone", async () => {
    const branch = await configure("yangguang", {});
    const d = dbs();
    const db = d.branchDb(branch);
    const resident = await db.$client.execute("select id, phone from residents where verified_at is not null limit 1");
    const { plan } = await request("yangguang", "repair", "door-window", String(resident.rows[0]!.phone));
    const n = {
      notificationId: `ntf_${plan.request.id}_dispatched`,
      type: "request.dispatched",
      branchId: branch.id,
      orgId: branch.orgId,
      requestId: plan.request.id,
      recipients: ["resident"],
      params: {
        trackingCode: plan.request.trackingCode,
        item: "更换门锁",
        technician: "刘师傅",
        appointmentFrom: "2026-03-02T01:00:00.000Z",
        appointmentTo: "2026-03-02T03:00:00.000Z",
      },
    };
    await run([n]);
    const row = await db.$client.execute({ sql: "select title, body from inbox where notification_id = ?", args: [n.notificationId] });
    expect(row.rows[0]!.title).toBe("已派师傅上门");
    expect(String(row.rows[0]!.body)).toContain("刘师傅");
    expect(String(row.rows[0]!.body)).toMatch(/09:00.*11:00/); // 01:00–03:00 UTC is 09:00–11:00 in Shanghai
  });
});
