import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { insertHandover, insertNotice, insertSurvey, insertSurveyAnswer, publishOutbox, schema } from "@wuye/db";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import { sweep } from "../src/sweep.ts";
import { dbs, recorder, submit } from "./fixtures.ts";

const MIN = 60_000;
// 2026-11-20 23:50 Asia/Shanghai (a Friday) = 15:50 UTC.
const T0 = Date.parse("2026-11-20T15:50:00Z");

async function deliver(messages: Array<Record<string, unknown>>) {
  const batch = createMessageBatch(
    "request-events",
    messages.map((body, i) => ({ id: `m${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env as never, ctx);
  return getQueueResult(batch, ctx);
}

async function factsOf(requestId: string) {
  const res = await dbs().supervision.$client.execute({
    sql: "select name, status, due_at, next_check_at, breached_at from milestone_facts where request_id = ? order by name",
    args: [requestId],
  });
  return res.rows;
}

describe("request-events consumer", () => {
  it("writes the PII-free facts of a new request, once even when the event comes twice", async () => {
    const { plan } = await submit("yangguang", "repair", "water-outage", T0);
    const rec = recorder();
    const d = dbs();
    const branch = (await d.branch({ slug: "yangguang" }))!;
    await publishOutbox(d.branchDb(branch), rec.send);
    const event = rec.sent["request-events"]!.find((m) => m.requestId === plan.request.id)!;
    const result = await deliver([event, event]);
    expect(result.explicitAcks.length).toBe(2);
    expect(result.retryMessages).toHaveLength(0);
    const facts = await factsOf(plan.request.id);
    expect(facts.map((f) => f.name)).toEqual(["onSite", "repaired"]);
    expect(facts[0]!.due_at).toBe(T0 + 120 * MIN);
    const processed = await d.supervision.$client.execute({
      sql: "select count(*) as n from processed_events where event_id = ?",
      args: [plan.event.id],
    });
    expect(processed.rows[0]!.n).toBe(1);
    const facts2 = await d.supervision.$client.execute({
      sql: "select * from request_facts where request_id = ?",
      args: [plan.request.id],
    });
    const text = JSON.stringify(facts2.rows);
    expect(text).not.toContain("13800138000");
    expect(text).not.toContain("测试");
  });

  it("retries alone the message whose request is not there yet, and acks the rest", async () => {
    const { plan } = await submit("binjiang", "inquiry", "property-info", T0);
    const d = dbs();
    const branch = (await d.branch({ slug: "binjiang" }))!;
    const good = {
      outboxId: "x",
      eventId: plan.event.id,
      type: "request.created",
      requestId: plan.request.id,
      branchId: branch.id,
      orgId: branch.orgId,
      at: T0,
    };
    const missing = { ...good, eventId: "evt_missing", requestId: "req_missing" };
    const result = await deliver([good, missing, { garbage: true }]);
    // The missing request and the malformed message are retried (the latter until dead-lettered), not lost.
    expect(result.retryMessages.map((m) => m.msgId)).toHaveLength(2);
    expect(result.explicitAcks).toHaveLength(1);
  });
});

describe("a batch is handled together", () => {
  it("acks each of 20 requests' events once, retries only the missing one, and keeps duplicates idempotent", async () => {
    const d = dbs();
    const rec = recorder();
    const submitted = [];
    for (let i = 0; i < 20; i++) submitted.push(await submit(i % 2 ? "yangguang" : "binjiang", "repair", "door-window", T0 + i));
    for (const slug of ["yangguang", "binjiang"]) await publishOutbox(d.branchDb((await d.branch({ slug }))!), rec.send, { limit: 500 });
    const ids = new Set(submitted.map((x) => x.plan.request.id));
    const events = rec.sent["request-events"]!.filter((m) => ids.has(m.requestId as string));
    expect(events).toHaveLength(20);
    const missing = { ...events[0]!, eventId: "evt_missing_batch", requestId: "req_missing_batch" };
    // Each event twice (the second copy of one request is handled after the first, in order).
    const result = await deliver([...events, missing, ...events]);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(40);
    const processed = await d.supervision.$client.execute({
      sql: `select count(*) as n from processed_events where event_id in (${submitted.map(() => "?").join(",")})`,
      args: submitted.map((x) => x.plan.event.id),
    });
    expect(processed.rows[0]!.n).toBe(20);
    for (const { plan } of submitted)
      expect((await factsOf(plan.request.id)).map((f) => f.name)).toEqual(plan.milestones.map((m) => m.name).sort());
  });
});

describe("outbox fault: the queue send fails after the commit", () => {
  it("keeps the request and delivers its event later, exactly once to the consumer", async () => {
    const rec = recorder();
    rec.fail(true);
    const { branch, plan } = await submit("hupan", "complaint", "attitude", T0);
    const db = dbs().branchDb(branch);
    expect(await publishOutbox(db, rec.send, { ids: undefined })).toBe(0); // the API's immediate publish fails
    const stored = await db.$client.execute({ sql: "select id from requests where id = ?", args: [plan.request.id] });
    expect(stored.rows).toHaveLength(1);
    rec.fail(false);
    // The sweep re-publishes rows older than 10 s; run two sweeps, as two cron ticks might.
    await sweep(dbs(), rec.send, T0 + 11_000);
    await sweep(dbs(), rec.send, T0 + 71_000);
    const events = rec.sent["request-events"]!.filter((m) => m.requestId === plan.request.id);
    expect(events).toHaveLength(1);
    await deliver([...events, ...events]);
    const processed = await dbs().supervision.$client.execute({
      sql: "select count(*) as n from processed_events where event_id = ?",
      args: [plan.event.id],
    });
    expect(processed.rows[0]!.n).toBe(1);
    expect((await factsOf(plan.request.id)).map((f) => f.name)).toEqual(["response"]);
  });
});

describe("the sweep: an urgent repair submitted at 23:50", () => {
  it("warns, breaches and escalates in order, each once, with concurrent sweeps and duplicate events", async () => {
    const rec = recorder();
    const { branch, plan } = await submit("yangguang", "repair", "elevator-failure", T0);
    const db = dbs().branchDb(branch);
    await publishOutbox(db, rec.send);
    const event = rec.sent["request-events"]!.filter((m) => m.requestId === plan.request.id);
    await deliver([...event, ...event]);
    const onSite = plan.milestones.find((m) => m.name === "onSite")!;
    expect(onSite.dueAt).toBe(T0 + 120 * MIN); // 01:50 Saturday, Shanghai

    const seen: string[] = [];
    const tick = async (at: number) => {
      const before = rec.sent.notifications!.length;
      await Promise.all([sweep(dbs(), rec.send, at), sweep(dbs(), rec.send, at)]);
      for (const n of rec.sent.notifications!.slice(before)) if (n.milestoneId === onSite.id) seen.push(String(n.noticeKey));
    };
    await tick(T0 + 60 * MIN); // nothing yet
    expect(seen).toEqual([]);
    await tick(T0 + 90 * MIN); // 30 min before due
    await tick(T0 + 96 * MIN); // 80 % of 2 h
    await tick(T0 + 120 * MIN); // due: breach and first escalation
    await tick(T0 + 121 * MIN);
    const unique = [...new Set(seen)];
    expect(unique).toEqual(["warn:lead", "warn:share", "breach", "escalate:1"]);

    // Each notice is one outbox row (deterministic id) however many sweeps ran.
    const rows = await db.$client.execute({
      sql: "select id from outbox where topic = 'notifications' and id like ?",
      args: [`ntf_${onSite.id}_%`],
    });
    expect(rows.rows).toHaveLength(4);
    const breach = await db.$client.execute({ sql: "select breached_at from milestones where id = ?", args: [onSite.id] });
    expect(breach.rows[0]!.breached_at).toBe(T0 + 120 * MIN);
    const fact = (await factsOf(plan.request.id)).find((f) => f.name === "onSite")!;
    expect(fact.breached_at).toBe(T0 + 120 * MIN);
    expect(fact.next_check_at).toBe(T0 + 150 * MIN); // the manager's step, 30 min after the breach
  });

  it("catches up after the clock jumps a day, sending each notice once", async () => {
    const rec = recorder();
    const { branch, plan } = await submit("binjiang", "repair", "power-failure", T0);
    await publishOutbox(dbs().branchDb(branch), rec.send);
    await deliver(rec.sent["request-events"]!.filter((m) => m.requestId === plan.request.id));
    const day = T0 + 24 * 60 * MIN + MIN;
    await sweep(dbs(), rec.send, day);
    await sweep(dbs(), rec.send, day);
    const mine = rec.sent.notifications!.filter((n) => n.requestId === plan.request.id).map((n) => `${n.milestone}:${n.noticeKey}`);
    expect(new Set(mine).size).toBe(mine.length);
    expect(mine).toEqual(expect.arrayContaining(["onSite:breach", "onSite:escalate:4", "repaired:breach", "repaired:escalate:1"]));
    // Warnings of clocks already past due are recorded, not sent late.
    expect(mine.filter((k) => k.startsWith("onSite:warn"))).toEqual([]);
  });
});

describe("front-desk work the minute cron and the consumer do", () => {
  it("a scheduled notice reaches the residents' inboxes when its time comes, once, with the service phone", async () => {
    const d = dbs();
    const branch = (await d.branch({ slug: "hupan" }))!;
    const db = d.branchDb(branch);
    const residentId = `res_cron_${Date.now()}`;
    await db.insert(schema.branch.residents).values({
      id: residentId,
      name: "定时",
      phone: `1390000${String(Date.now()).slice(-4)}`,
      verifiedAt: T0,
      createdAt: T0,
      updatedAt: T0,
    });
    const noticeId = `ntc_cron_${Date.now()}`;
    await insertNotice(db, {
      id: noticeId,
      title: "停水通知",
      body: "明日 9:00–12:00 停水检修。",
      category: "outage",
      status: "published",
      publishAt: T0 + 60 * MIN,
      draftedBy: "s",
      approvedBy: "s2",
      history: [],
      createdAt: T0,
      updatedAt: T0,
    });
    const inboxOf = async () =>
      (
        await db.$client.execute({
          sql: "select body from inbox where recipient_id = ? and notification_id = ?",
          args: [residentId, `ntf_ntc_${noticeId}`],
        })
      ).rows;
    const rec = recorder();

    expect((await sweep(d, rec.send, T0 + 30 * MIN)).noticesPushed).toBe(0);
    expect(await inboxOf()).toHaveLength(0);
    const due = await sweep(d, rec.send, T0 + 61 * MIN);
    expect(due.noticesPushed).toBe(1);
    const rows = await inboxOf();
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.body)).toContain(branch.servicePhone);
    // Concurrent and later sweeps push nothing twice.
    const again = await Promise.all([sweep(d, rec.send, T0 + 62 * MIN), sweep(d, rec.send, T0 + 62 * MIN)]);
    expect(again.map((r) => r.noticesPushed)).toEqual([0, 0]);
    expect(await inboxOf()).toHaveLength(1);
  });

  it("a handover nobody signs within 30 minutes is flagged to the service-center supervisors, once", async () => {
    const d = dbs();
    const branch = (await d.branch({ slug: "binjiang" }))!;
    const db = d.branchDb(branch);
    const id = `hdo_cron_${Date.now()}`;
    await insertHandover(db, { id, shift: "night", notes: null, writtenBy: "stf_outgoing", createdAt: T0, updatedAt: T0 }, []);
    const signedId = `${id}_signed`;
    await insertHandover(
      db,
      {
        id: signedId,
        shift: "day",
        notes: null,
        writtenBy: "stf_outgoing",
        signedBy: "stf_in",
        signedAt: T0 + MIN,
        createdAt: T0,
        updatedAt: T0,
      },
      [],
    );
    const inboxOf = async (h: string) =>
      (await db.$client.execute({ sql: "select recipient_type, title from inbox where notification_id = ?", args: [`ntf_hdo_late_${h}`] }))
        .rows;
    const rec = recorder();

    expect((await sweep(d, rec.send, T0 + 29 * MIN)).handoversFlagged).toBe(0);
    const late = await Promise.all([sweep(d, rec.send, T0 + 31 * MIN), sweep(d, rec.send, T0 + 31 * MIN)]);
    expect(late.map((r) => r.handoversFlagged).sort()).toEqual([0, 1]);
    const rows = await inboxOf(id);
    const supervisors = await d.control.$client.execute({
      sql: "select count(*) as n from staff where branch_id = ? and role = 'serviceSupervisor' and active = 1",
      args: [branch.id],
    });
    expect(Number(supervisors.rows[0]!.n)).toBeGreaterThan(0);
    expect(rows).toHaveLength(Number(supervisors.rows[0]!.n));
    expect(rows.every((r) => r.recipient_type === "staff" && String(r.title).includes("交接班"))).toBe(true);
    expect(await inboxOf(signedId)).toHaveLength(0);
    expect((await sweep(d, rec.send, T0 + 90 * MIN)).handoversFlagged).toBe(0);
  });

  it("a survey event rebuilds head office's totals for it, idempotently, without the answers' text", async () => {
    const d = dbs();
    const branch = (await d.branch({ slug: "yangguang" }))!;
    const db = d.branchDb(branch);
    const surveyId = `srv_cron_${Date.now()}`;
    await insertSurvey(db, {
      id: surveyId,
      title: "年度满意度",
      scale: 10,
      questions: [
        { id: "q1", text: "总体", type: "scale" },
        { id: "q2", text: "意见", type: "text" },
      ],
      status: "draft",
      createdBy: "s",
      createdAt: T0,
      updatedAt: T0,
    });
    const event = { outboxId: "o1", eventId: "e1", type: "survey.changed", surveyId, branchId: branch.id, orgId: branch.orgId, at: T0 };
    // A draft has nothing for head office yet.
    expect((await deliver([event])).explicitAcks).toHaveLength(1);
    const factOf = async () =>
      (await d.supervision.$client.execute({ sql: "select * from survey_facts where survey_id = ?", args: [surveyId] })).rows[0];
    expect(await factOf()).toBeUndefined();

    await db.$client.execute({ sql: "update surveys set status = 'sent', sent_at = ?, recipients = 4 where id = ?", args: [T0, surveyId] });
    await insertSurveyAnswer(
      db,
      {
        id: `ans_${surveyId}_1`,
        surveyId,
        residentId: "r1",
        answers: [
          { questionId: "q1", score: 9 },
          { questionId: "q2", text: "电梯太慢了" },
        ],
        createdAt: T0,
      },
      [],
    );
    await insertSurveyAnswer(
      db,
      { id: `ans_${surveyId}_2`, surveyId, residentId: "r2", answers: [{ questionId: "q1", score: 6 }], createdAt: T0 },
      [],
    );
    const result = await deliver([event, { ...event, eventId: "e2" }]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toHaveLength(0);
    expect(await factOf()).toMatchObject({
      branch_id: branch.id,
      org_id: branch.orgId,
      scale: 10,
      recipients: 4,
      responses: 2,
      score_sum: 15,
      score_count: 2,
      closed_at: null,
    });
    expect(JSON.stringify(await factOf())).not.toContain("电梯");
    const count = await d.supervision.$client.execute({
      sql: "select count(*) as n from survey_facts where survey_id = ?",
      args: [surveyId],
    });
    expect(count.rows[0]!.n).toBe(1);
  });
});
