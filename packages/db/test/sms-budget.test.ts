import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@wuye/libsql-server";
import { smsCounters, SMS_HOURLY_LIMITS } from "@wuye/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBranchDb, createLibsqlClient, type BranchDb } from "../src/client/index.ts";
import { migrate } from "../src/migrate/index.ts";
import { eq } from "drizzle-orm";
import { deliveriesOfRequest, recordDelivery } from "../src/repo/resident.ts";
import { deliveries, requestOfDelivery } from "../src/schema/branch.ts";
import { countDown, countsOf, countSmsToday, smsSentToday, tryCountUp, uncountSmsToday } from "../src/repo/sms-budget.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let db: BranchDb;
const TOKEN = "sms-test-token";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wuye-sms-"));
  server = await startServer({ dataDir: dir, port: 0, authToken: TOKEN });
  const res = await fetch(`${server.url}/v1/databases`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "sms" }),
  });
  expect(res.ok).toBe(true);
  const client = createLibsqlClient({ url: `${server.url}/db/sms`, authToken: TOKEN });
  await migrate(client, "branch");
  db = createBranchDb(client);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SMS counters", () => {
  it("count a day's texts without a cap, each seeing those before it even when sent at once, and take one back", async () => {
    const day = { window: 20_000, at: 1 };
    expect(await smsSentToday(db, day.window)).toBe(0);
    const seen = await Promise.all(Array.from({ length: 6 }, () => countSmsToday(db, day)));
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    await uncountSmsToday(db, day.window);
    expect(await smsSentToday(db, day.window)).toBe(5);
    expect(await smsSentToday(db, day.window + 1)).toBe(0); // the next day starts at nothing
  });

  it("refuse a text past a phone's hourly cap as a whole, counting nothing, and never go below zero", async () => {
    const at = Date.UTC(2026, 11, 5, 10);
    const steps = smsCounters({ phone: "13900000001" }, at);
    for (let i = 0; i < SMS_HOURLY_LIMITS.perPhone; i++) expect(await tryCountUp(db, steps)).toBe(true);
    expect(await tryCountUp(db, steps)).toBe(false);
    const keys = steps.map((s) => s.key);
    expect(await countsOf(db, keys, steps[0]!.window)).toEqual([SMS_HOURLY_LIMITS.perPhone, SMS_HOURLY_LIMITS.perPhone]);
    await countDown(db, steps);
    expect(await countsOf(db, keys, steps[0]!.window)).toEqual([SMS_HOURLY_LIMITS.perPhone - 1, SMS_HOURLY_LIMITS.perPhone - 1]);
    expect(await tryCountUp(db, smsCounters({ phone: "13900000002" }, at))).toBe(true); // another phone, same branch
    const fresh = [{ key: "sms-phone:nobody", window: 1 }];
    await countDown(db, fresh);
    expect(await countsOf(db, ["sms-phone:nobody"], 1)).toEqual([0]);
  });
});

describe("a request's deliveries", () => {
  it("are found through their index, oldest first, and only that request's", async () => {
    const row = (id: string, requestId: string, at: number) => ({
      id,
      notificationId: `ntf_${id}`,
      channel: "sms",
      recipient: "13800138000",
      body: "b",
      status: "held",
      payload: { requestId, type: "request.trackingLink" },
      createdAt: at,
    });
    for (const r of [row("d2", "req_a", 2), row("d1", "req_a", 1), row("d3", "req_b", 3)]) await recordDelivery(db, r);
    expect((await deliveriesOfRequest(db, "req_a")).map((d) => d.id)).toEqual(["d1", "d2"]);
    const query = db
      .select()
      .from(deliveries)
      .where(eq(requestOfDelivery(deliveries.payload), "req_a"))
      .toSQL();
    const plan = await db.$client.execute({ sql: `explain query plan ${query.sql}`, args: query.params as never });
    expect(plan.rows.map((r) => String(r.detail)).join("\n")).toContain("deliveries_request_idx");
  });
});
