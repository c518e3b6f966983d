import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { type BranchSettings, DEFAULT_SMS_DAILY_BUDGET, type NotificationInput, NotificationSchema } from "@wuye/core";
import { getBranchSettings, type OutboxMessage, openDatabases, updateBranchSettings } from "@wuye/db";
import { afterAll, describe, expect, it } from "vitest";
import { deliver } from "../src/deliver.ts";
import worker from "../src/index.ts";

// Each test texts on its own day, far from today, so that the day's counts are its own whatever else runs.
const dbs = () => openDatabases(env);
const VARS = { ENVIRONMENT: "test" as const };
const shanghai = (y: number, m: number, d: number, h: number, min = 0, s = 0) => Date.UTC(y, m - 1, d, h - 8, min, s);

async function budgetOf(slug: string, smsDailyBudget: number, notifications: Partial<BranchSettings["notifications"]> = {}) {
  const d = dbs();
  const branch = (await d.branch({ slug }))!;
  const row = (await getBranchSettings(d.control, branch.id))!;
  const res = await updateBranchSettings(d.control, {
    branchId: branch.id,
    expectedVersion: row.version,
    settings: { ...row.settings, smsDailyBudget, notifications: { quietHours: { from: "00:00", to: "00:00" }, ...notifications } },
    by: "test",
    now: Date.now(),
  });
  expect(res.ok).toBe(true);
  return { branch, db: d.branchDb(branch) };
}

type Branch = { id: string; orgId: string };
const text = (branch: Branch, type: "request.trackingLink" | "resident.otp", to: string): NotificationInput => ({
  notificationId: `ntf_sms-${type}-${Math.random().toString(36).slice(2)}`,
  type,
  branchId: branch.id,
  orgId: branch.orgId,
  to,
  params: type === "resident.otp" ? { code: "135790" } : { link: "https://example.test/t/X" },
  recipients: [],
});

/** Delivers at `at`, keeping what delivery puts on the queue (the budget alarm). */
async function at(when: number, n: NotificationInput, queued: OutboxMessage[] = []) {
  return deliver(dbs(), VARS, NotificationSchema.parse(n), when, async (_t, messages) => void queued.push(...messages));
}

async function smsOf(db: ReturnType<ReturnType<typeof dbs>["branchDb"]>, id: string) {
  const r = await db.$client.execute({
    sql: "select status, error from deliveries where notification_id = ? and channel = 'sms'",
    args: [id],
  });
  return r.rows.map((x) => ({ status: x.status, error: x.error }));
}

async function dayCount(db: ReturnType<ReturnType<typeof dbs>["branchDb"]>, window: number) {
  const r = await db.$client.execute({ sql: "select count from rate_counters where key = 'sms-day' and window = ?", args: [window] });
  return Number(r.rows[0]?.count ?? 0);
}

async function run(bodies: unknown[]) {
  const batch = createMessageBatch(
    "notifications",
    bodies.map((body, i) => ({ id: `b${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env as never, ctx);
  return getQueueResult(batch, ctx);
}

describe("the daily SMS budget", () => {
  afterAll(() => budgetOf("binjiang", DEFAULT_SMS_DAILY_BUDGET)); // the other files' branch as they found it

  it("past the budget holds non-urgent texts with the reason, still sends urgent ones, and alarms the manager once a day", async () => {
    const { branch, db } = await budgetOf("binjiang", 2);
    expect(branch.timeZone).toBe("Asia/Shanghai");
    const day = shanghai(2031, 3, 10, 10);
    const queued: OutboxMessage[] = [];
    const first = text(branch, "request.trackingLink", "13700000001");
    const second = text(branch, "request.trackingLink", "13700000002");
    const third = text(branch, "request.trackingLink", "13700000003");
    const code = text(branch, "resident.otp", "13700000004");
    await at(day, first, queued);
    expect(queued).toHaveLength(0); // one of two: not reached yet
    await at(day + 60_000, second, queued); // spends the budget: the alarm goes out with it
    await at(day + 120_000, third, queued);
    await at(day + 180_000, code, queued);
    await at(day + 240_000, third, queued); // redelivered: held again, the alarm not repeated

    expect(await smsOf(db, first.notificationId)).toEqual([{ status: "sent", error: "dev sink" }]);
    expect(await smsOf(db, second.notificationId)).toEqual([{ status: "sent", error: "dev sink" }]);
    expect(await smsOf(db, third.notificationId)).toEqual([{ status: "held", error: "daily SMS budget of 2 spent" }]);
    expect(await smsOf(db, code.notificationId)).toEqual([{ status: "sent", error: "dev sink" }]); // urgent: a one-time code
    const attempts = await db.$client.execute({
      sql: "select attempts from deliveries where notification_id = ?",
      args: [third.notificationId],
    });
    expect(Number(attempts.rows[0]!.attempts)).toBe(2); // one row, seen twice: still visible, nothing lost

    // One alarm for the day, written to the outbox under the day's id and put on the queue once.
    const alarms = await db.$client.execute({
      sql: "select id, payload, published_at from outbox where json_extract(payload, '$.type') = 'sms.budgetReached' and json_extract(payload, '$.params.date') = '2031-03-10'",
    });
    expect(alarms.rows).toHaveLength(1);
    expect(alarms.rows[0]!.published_at).not.toBeNull();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.payload).toMatchObject({ type: "sms.budgetReached", recipients: ["branchManager"], params: { budget: 2 } });

    // Delivered (twice, as a queue may): one inbox item per manager, in their language, leading to the deliveries.
    const alarm = { ...(queued[0]!.payload as { notificationId: string }), outboxId: queued[0]!.outboxId };
    expect((await run([alarm, alarm])).explicitAcks).toHaveLength(2);
    await run([alarm]);
    const managers = await dbs().control.$client.execute({
      sql: "select id from staff where branch_id = ? and role = 'branchManager' and active = 1",
      args: [branch.id],
    });
    expect(managers.rows.length).toBeGreaterThan(0);
    const inbox = await db.$client.execute({
      sql: "select recipient_id, title, body, subject_type from inbox where notification_id = ?",
      args: [String(alarm.notificationId)],
    });
    expect(inbox.rows.map((r) => r.recipient_id).sort()).toEqual(managers.rows.map((r) => r.id).sort());
    expect(inbox.rows[0]).toMatchObject({ title: "【短信额度】今日 2 条已用完", subject_type: "delivery" });
    expect(String(inbox.rows[0]!.body)).toContain("2031-03-10");
    expect(String(inbox.rows[0]!.body)).toContain("滨江苑管理处");
    // The budget alarm itself is not texted (nobody chose SMS for it).
    expect(await smsOf(db, String(alarm.notificationId))).toEqual([]);

    // The next day, a manager reading English gets that day's alarm in English.
    const managerId = String(managers.rows[0]!.id);
    await dbs().control.$client.execute({ sql: "update staff set locale = 'en' where id = ?", args: [managerId] });
    try {
      const next: OutboxMessage[] = [];
      await at(shanghai(2031, 3, 11, 9), text(branch, "request.trackingLink", "13700000005"), next);
      await at(shanghai(2031, 3, 11, 9, 5), text(branch, "request.trackingLink", "13700000006"), next);
      expect(next).toHaveLength(1);
      expect(next[0]!.outboxId).not.toBe(queued[0]!.outboxId);
      await run([{ ...next[0]!.payload, outboxId: next[0]!.outboxId }]);
      const en = await db.$client.execute({
        sql: "select title, body from inbox where notification_id = ? and recipient_id = ?",
        args: [String(next[0]!.payload.notificationId), managerId],
      });
      expect(en.rows[0]!.title).toBe("[SMS budget] today's 2 texts are spent");
      expect(String(en.rows[0]!.body)).toContain("Riverside Court");
    } finally {
      await dbs().control.$client.execute({ sql: "update staff set locale = 'zh-CN' where id = ?", args: [managerId] });
    }
  });

  it("counts a calendar day in Asia/Shanghai: the last second before local midnight is the old day, midnight starts afresh", async () => {
    const { branch, db } = await budgetOf("binjiang", 1);
    const lastSecond = shanghai(2031, 4, 20, 23, 59, 59); // 15:59:59 UTC
    const midnight = shanghai(2031, 4, 21, 0); // 16:00:00 UTC, the same UTC date
    expect(new Date(lastSecond).toISOString().slice(0, 10)).toBe(new Date(midnight).toISOString().slice(0, 10));
    const queued: OutboxMessage[] = [];
    const a = text(branch, "request.trackingLink", "13700000011");
    const b = text(branch, "request.trackingLink", "13700000012");
    const c = text(branch, "request.trackingLink", "13700000013");
    await at(lastSecond - 1000, a, queued);
    await at(lastSecond, b, queued);
    await at(midnight, c, queued);
    expect((await smsOf(db, a.notificationId))[0]!.status).toBe("sent");
    expect(await smsOf(db, b.notificationId)).toEqual([{ status: "held", error: "daily SMS budget of 1 spent" }]);
    expect((await smsOf(db, c.notificationId))[0]!.status).toBe("sent");
    const day = Math.floor((lastSecond + 8 * 3_600_000) / 86_400_000);
    expect([await dayCount(db, day), await dayCount(db, day + 1)]).toEqual([1, 1]);
    expect(queued.map((m) => m.payload.params)).toEqual([
      { budget: 1, date: "2031-04-20" },
      { budget: 1, date: "2031-04-21" },
    ]);
  });

  it("keeps a text held at intake by an hourly limit as held with its reason, uncounted; a failed gateway is not charged", async () => {
    const { branch, db } = await budgetOf("binjiang", 50);
    const when = shanghai(2031, 5, 2, 14);
    const window = Math.floor((when + 8 * 3_600_000) / 86_400_000);
    const held = { ...text(branch, "request.trackingLink", "13700000021"), heldBy: "phone-hourly" as const };
    await at(when, held);
    expect(await smsOf(db, held.notificationId)).toEqual([{ status: "held", error: "hourly SMS limit of 5 for this phone reached" }]);
    expect(await dayCount(db, window)).toBe(0);

    await budgetOf("binjiang", 50, { sms: { url: "https://hooks.test/fail", token: "gateway-token" } });
    const failing = text(branch, "request.trackingLink", "13700000022");
    const outcome = await at(when + 1000, failing);
    expect(outcome).toMatchObject({ kind: "done", transient: [expect.stringContaining("sms failed with 500")] });
    expect((await smsOf(db, failing.notificationId))[0]!.status).toBe("failed");
    expect(await dayCount(db, window)).toBe(0);
  });
});
