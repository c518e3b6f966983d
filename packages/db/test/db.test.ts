import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@wuye/libsql-server";
import { selectHandoverItems } from "@wuye/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBranchDb, createLibsqlClient, type BranchDb } from "../src/client/index.ts";
import { migrate } from "../src/migrate/index.ts";
import { MIGRATIONS } from "../src/migrate/generated.ts";
import { publishOutbox, type OutboxMessage } from "../src/repo/outbox.ts";
import { insertRequest } from "../src/repo/intake.ts";
import { listRequests, type RegisterCursor } from "../src/repo/register.ts";
import { handoverSources } from "../src/repo/handover.ts";
import { insertSurvey, sendSurvey } from "../src/repo/survey.ts";
import { enqueueOnce } from "../src/repo/request.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
const TOKEN = "db-test-token";

async function freshBranch(name: string): Promise<BranchDb> {
  const res = await fetch(`${server.url}/v1/databases`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  expect(res.ok).toBe(true);
  const client = createLibsqlClient({ url: `${server.url}/db/${name}`, authToken: TOKEN });
  await migrate(client, "branch");
  return createBranchDb(client);
}

function request(i: number, at: number, extra: Record<string, unknown> = {}) {
  const id = `req_${String(i).padStart(6, "0")}`;
  return {
    request: {
      id,
      trackingCode: `T-${id}`,
      kind: i % 2 ? "repair" : "inquiry",
      urgency: "normal",
      status: "received",
      channel: i % 3 ? "portal" : "phone",
      description: `第${i}号 水管漏水 100%_done`,
      contactName: "林",
      contactPhone: "13800138001",
      createdAt: at,
      updatedAt: at,
      ...extra,
    },
    event: { id: `evt_${i}`, requestId: id, type: "request.created", data: {}, at },
    milestones: [
      {
        id: `ms_${i}`,
        requestId: id,
        name: "repaired",
        startAt: at,
        durationMs: 1000,
        dueAt: at + 1000,
        calendar: { kind: "24x7" },
        policyVersion: 1,
        schedule: [],
        status: "open",
        sourceEventId: `evt_${i}`,
        createdAt: at,
        updatedAt: at,
      },
    ],
    outbox: [{ id: `obx_${i}`, topic: "request-events", payload: { eventId: `evt_${i}` }, createdAt: at }],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wuye-db-"));
  server = await startServer({ dataDir: dir, port: 0, authToken: TOKEN });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("apply once and are idempotent, for each database role", async () => {
    for (const role of ["control", "branch", "supervision"] as const) {
      await fetch(`${server.url}/v1/databases`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ name: `m-${role}` }),
      });
      const client = createLibsqlClient({ url: `${server.url}/db/m-${role}/`, authToken: TOKEN });
      expect(await migrate(client, role)).toEqual(MIGRATIONS[role].map((m) => m.tag));
      expect(await migrate(client, role)).toEqual([]);
      const [a, b] = await Promise.all([migrate(client, role), migrate(client, role)]);
      expect([...a, ...b]).toEqual([]);
    }
  });
});

describe("a new shift handover's sources", () => {
  it("leave out an archived complaint (archived is closed) and the overdue milestones of closed requests", async () => {
    const db = await freshBranch("handover-sources");
    const owner = "stf_desk";
    await insertRequest(db, request(1, 1000, { kind: "complaint", status: "archived", ownerId: owner }));
    await insertRequest(db, request(2, 1000, { kind: "complaint", status: "received", ownerId: owner }));
    await insertRequest(db, request(3, 1000, { kind: "repair", status: "cancelled", ownerId: owner }));
    await insertRequest(db, request(5, 1000, { kind: "repair", status: "dispatched", ownerId: "stf_other" }));
    const sources = await handoverSources(db, owner, 10_000);
    // Every request's milestone is overdue (due at 2000); only the open requests' come along.
    expect(sources.requests.map((r) => r.id).sort()).toEqual(["req_000002", "req_000005"]);
    const items = selectHandoverItems({ ownerId: owner, ...sources, now: 10_000 });
    expect(items.map((i) => i.refId)).toEqual(["req_000002", "ms_2", "ms_5"]);
  });
});

describe("a versioned change (updateVersioned)", () => {
  it("writes only over the version the caller saw and while its condition holds, and returns the row written", async () => {
    const db = await freshBranch("versioned");
    const draft = await insertSurvey(db, {
      id: "srv_1",
      title: "满意度",
      scale: 5,
      questions: [{ id: "q1", text: "总体", type: "scale" }],
      status: "draft",
      createdBy: "stf_1",
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(draft).toMatchObject({ id: "srv_1", version: 1, status: "draft" });
    const send = (expectedVersion: number | null, id = "srv_1") =>
      sendSurvey(db, { id, expectedVersion, target: { all: true }, now: 2000, inboxRows: [], outbox: [] });
    expect(await send(7)).toEqual({ ok: false, currentVersion: 1 }); // stale: nothing written
    expect(await send(1, "srv_missing")).toBeNull();
    const sent = await send(1);
    expect(sent).toMatchObject({ ok: true, version: 2, row: { id: "srv_1", status: "sent", sentAt: 2000, version: 2, updatedAt: 2000 } });
    // Fresh version, but no longer a draft: refused with the version that is current.
    expect(await send(2)).toEqual({ ok: false, currentVersion: 2 });
    expect(await send(null)).toEqual({ ok: false, currentVersion: 2 });
  });
});

describe("request writes", () => {
  it("write the request, event, milestones and outbox atomically", async () => {
    const db = await freshBranch("atomic");
    await insertRequest(db, request(1, 1000));
    // Same event id again: the whole batch fails, nothing half-written.
    const twin = request(2, 2000);
    twin.event.id = "evt_1";
    await expect(insertRequest(db, twin)).rejects.toThrow();
    const rows = await listRequests(db, { limit: 10 });
    expect(rows.map((r) => r.id)).toEqual(["req_000001"]);
    const outbox = await db.$client.execute("select id from outbox");
    expect(outbox.rows.map((r) => r.id)).toEqual(["obx_1"]);
  });

  it("fill the statements compiled for one shape with each write's own values, and link a resident by phone", async () => {
    const db = await freshBranch("compiled");
    await db.$client.execute({
      sql: "insert into residents (id, name, phone, created_at, updated_at) values ('res_1', '林', '13900000001', 1, 1)",
      args: [],
    });
    const write = (i: number, phone: string, keyLeft: boolean) => {
      const w = request(i, 5_000 + i, { contactPhone: phone, keyLeft });
      return { ...w, residentOutbox: [{ id: `ack_${i}`, topic: "notifications", payload: { n: i, text: "确认" }, createdAt: 5_000 + i }] };
    };
    expect(await insertRequest(db, write(1, "13900000001", true))).toEqual({ residentOutboxIds: ["ack_1"] });
    expect(await insertRequest(db, write(2, "13900000002", false))).toEqual({ residentOutboxIds: [] });
    const rows = await db.$client.execute("select id, contact_phone, resident_id, key_left, created_at from requests order by id");
    expect(rows.rows.map((r) => [r.id, r.contact_phone, r.resident_id, r.key_left, r.created_at])).toEqual([
      ["req_000001", "13900000001", "res_1", 1, 5001],
      ["req_000002", "13900000002", null, 0, 5002],
    ]);
    const events = await db.$client.execute("select id, request_id from request_events order by id");
    expect(events.rows.map((r) => `${r.id}:${r.request_id}`)).toEqual(["evt_1:req_000001", "evt_2:req_000002"]);
    const acks = await db.$client.execute("select id, payload from outbox where topic = 'notifications'");
    expect(acks.rows.map((r) => [r.id, JSON.parse(String(r.payload))])).toEqual([["ack_1", { n: 1, text: "确认" }]]);
    const ms = await db.$client.execute("select calendar, due_at from milestones order by id");
    expect(ms.rows.map((r) => [JSON.parse(String(r.calendar)), r.due_at])).toEqual([
      [{ kind: "24x7" }, 6001],
      [{ kind: "24x7" }, 6002],
    ]);
  });

  it("pages the register newest first with filters and escaped free text", async () => {
    const db = await freshBranch("register");
    for (let i = 1; i <= 25; i++) await insertRequest(db, request(i, 10_000 + Math.floor(i / 2))); // ties on created_at
    const seen: string[] = [];
    let cursor: RegisterCursor | undefined;
    for (;;) {
      const page = await listRequests(db, { limit: 7, cursor });
      seen.push(...page.map((r) => r.id));
      if (page.length < 7) break;
      cursor = page.at(-1)!.cursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await listRequests(db, { limit: 50, kind: "repair" })).every((r) => r.kind === "repair")).toBe(true);
    expect(await listRequests(db, { limit: 50, q: "100%_d" })).toHaveLength(25);
    expect(await listRequests(db, { limit: 50, q: "100%x" })).toHaveLength(0);
    expect(await listRequests(db, { limit: 50, overdueAt: 0 })).toHaveLength(0);
    expect(await listRequests(db, { limit: 50, overdueAt: 1e12 })).toHaveLength(25);
  });
});

describe("outbox", () => {
  it("marks rows published only after the queue accepted them", async () => {
    const db = await freshBranch("outbox");
    await insertRequest(db, request(1, 1000));
    const failing = async () => {
      throw new Error("queue down");
    };
    expect(await publishOutbox(db, failing)).toBe(0);
    const sent: OutboxMessage[] = [];
    expect(await publishOutbox(db, async (_t, m) => void sent.push(...m))).toBe(1);
    expect(await publishOutbox(db, async (_t, m) => void sent.push(...m))).toBe(0);
    expect(sent.map((m) => m.outboxId)).toEqual(["obx_1"]);
    const row = await db.$client.execute("select attempts, published_at from outbox");
    expect(row.rows[0]).toMatchObject({ attempts: 1 });
    expect(row.rows[0]!.published_at).not.toBeNull();
  });

  it("inserts deterministic notification ids exactly once", async () => {
    const db = await freshBranch("once");
    const row = { id: "ntf_x_breach", topic: "notifications", payload: { a: 1 }, createdAt: 1 };
    expect(await enqueueOnce(db, [row])).toBe(1);
    expect(await enqueueOnce(db, [row])).toBe(0);
  });
});

describe("a technician's jobs and the inbox", () => {
  it("lists my open repairs by appointment, then urgency, then age; nobody else's and nothing closed", async () => {
    const { jobsOf } = await import("../src/repo/jobs.ts");
    const db = await freshBranch("jobs");
    const repair = (i: number, extra: Record<string, unknown>) => request(i * 2 + 1, 10_000 + i, { kind: "repair", ...extra });
    await insertRequest(db, repair(1, { assigneeId: "t1", urgency: "normal" })); // no appointment, old
    await insertRequest(db, repair(2, { assigneeId: "t1", urgency: "urgent" })); // no appointment, urgent
    await insertRequest(db, repair(3, { assigneeId: "t1", appointmentFrom: 90_000, appointmentTo: 95_000 }));
    await insertRequest(db, repair(4, { assigneeId: "t1", appointmentFrom: 50_000, appointmentTo: 60_000 }));
    await insertRequest(db, repair(5, { assigneeId: "t2" })); // a colleague's
    await insertRequest(db, repair(6, { assigneeId: "t1", status: "closed" })); // done
    const jobs = await jobsOf(db, "t1");
    expect(jobs.map((j) => j.id)).toEqual(["req_000009", "req_000007", "req_000005", "req_000003"]);
    expect(jobs[0]).toMatchObject({ appointmentFrom: 50_000, contactPhone: "13800138001" });
    expect(await jobsOf(db, "t3")).toEqual([]);
  });

  it("links each item to its subject, marks one or all read, and counts what is left", async () => {
    const { deliverToInbox, listInbox, markAllInboxRead, markInboxRead, inboxSubject } = await import("../src/repo/inbox.ts");
    const db = await freshBranch("inbox");
    const me = { type: "staff" as const, id: "s1" };
    const row = (i: number, extra: Record<string, unknown> = {}) => ({
      id: `in_${i}`,
      notificationId: `ntf_${i}`,
      recipientType: "staff",
      recipientId: "s1",
      type: "t",
      title: `标题${i}`,
      body: "",
      createdAt: i,
      ...extra,
    });
    await deliverToInbox(db, [
      row(1, { requestId: "req_1" }),
      row(2, { subjectType: "notice", subjectId: "ntc_1" }),
      row(3, { subjectType: "handover", subjectId: "hdo_1" }),
      row(4, { recipientId: "s2" }),
    ]);
    const first = await listInbox(db, me);
    expect(first.unread).toBe(3);
    expect(first.items.map(inboxSubject)).toEqual([
      { type: "handover", id: "hdo_1" },
      { type: "notice", id: "ntc_1" },
      { type: "request", id: "req_1" },
    ]);
    expect(await markInboxRead(db, me, "in_1", 100)).toBe(true);
    expect(await markInboxRead(db, me, "in_4", 100)).toBe(false); // someone else's
    expect((await listInbox(db, me)).unread).toBe(2);
    expect(await markAllInboxRead(db, me, 200)).toBe(2);
    expect((await listInbox(db, me)).unread).toBe(0);
    expect((await listInbox(db, { type: "staff", id: "s2" })).unread).toBe(1); // untouched
  });
});
