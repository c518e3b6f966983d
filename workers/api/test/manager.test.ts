import { parseCsv } from "@wuye/core";
import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor } from "./helpers.ts";

// The branch manager's screens' operations: settings parts with write-only secrets, whose change won a race,
// skills and categories, my notification preferences, and the audit log with filters and CSV. 湖畔 (hupan).
const C = "/api/v1/console";
const B = "hupan";

async function current(token: string) {
  const res = await call("GET", `${C}/settings`, { token });
  expect(res.status).toBe(200);
  return res;
}

describe("settings: skills, categories and the change that won", () => {
  it("saves skills {code, name:{zh,en}} and a category naming its skill; refuses duplicates and garbage", async () => {
    const manager = await tokenFor("branchManager", B);
    const before = await current(manager);
    const skills = [...before.body.skills, { code: "locksmith", name: { zh: "开锁", en: "Locksmith" } }];
    const categories = [
      ...before.body.categories,
      { code: "lock-out", kind: "help", name: { "zh-CN": "钥匙锁在屋里", en: "Locked out" }, urgent: true, skill: "locksmith" },
    ];
    const etag = before.headers.get("etag")!;
    expectProblem(
      await call("PATCH", `${C}/settings`, { token: manager, body: { skills: [...skills, skills[0]] }, headers: { "if-match": etag } }),
      400,
      "skills",
    );
    expectProblem(
      await call("PATCH", `${C}/settings`, {
        token: manager,
        body: { categories: [...categories, categories[0]] },
        headers: { "if-match": etag },
      }),
      400,
      "categories",
    );
    expectProblem(
      await call("PATCH", `${C}/settings`, {
        token: manager,
        body: { skills: [{ code: "X y", name: { zh: "", en: "" } }] },
        headers: { "if-match": etag },
      }),
      400,
    );
    const saved = await call("PATCH", `${C}/settings`, { token: manager, body: { skills, categories }, headers: { "if-match": etag } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.skills.at(-1)).toEqual({ code: "locksmith", name: { zh: "开锁", en: "Locksmith" } });
    expect(saved.body.categories.find((c: { code: string }) => c.code === "lock-out")).toMatchObject({ urgent: true, skill: "locksmith" });
    const profile = await call("GET", `/api/v1/public/branches/${B}`);
    expect(profile.body.categories.find((c: { code: string }) => c.code === "lock-out")).toMatchObject({ urgent: true });
  });

  it("answers a stale save with 412 naming whose change won and when", async () => {
    const manager = await tokenFor("branchManager", B);
    const supervisor = await tokenFor("serviceSupervisor", B);
    const seen = (await current(manager)).headers.get("etag")!;
    const won = await call("PATCH", `${C}/settings`, { token: supervisor, body: { publicDailyLimit: 11 }, headers: { "if-match": seen } });
    expect(won.status).toBe(200);
    const lost = await call("PATCH", `${C}/settings`, { token: manager, body: { publicDailyLimit: 13 }, headers: { "if-match": seen } });
    expectProblem(lost, 412);
    expect(lost.body.actual).toBe(won.body.version);
    expect(typeof lost.body.changedBy).toBe("string");
    expect(lost.body.changedBy.length).toBeGreaterThan(0);
    expect(Date.parse(lost.body.changedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await current(manager)).body.publicDailyLimit).toBe(11);
  });
});

describe("notification channels", () => {
  it("keeps stored tokens, never shows a secret, rotates the webhook secret once, and checks the version", async () => {
    const manager = await tokenFor("branchManager", B);
    const agent = await tokenFor("agent", B);
    let etag = (await current(manager)).headers.get("etag")!;
    const put = (body: unknown, token = manager, match = etag) =>
      call("PUT", `${C}/settings/notifications`, { token, body, headers: { "if-match": match } });
    const channels = {
      quietHours: { from: "22:30", to: "06:30" },
      sms: { url: "https://sms.example.cn/send", token: "sms-token-1" },
      email: null,
      webhook: { url: "https://hooks.example.cn/wuye" },
    };
    expectProblem(await put(channels, agent), 403);
    expectProblem(await put({ ...channels, email: { url: "https://mail.example.cn" } }), 400, "email.token");
    expectProblem(await put({ ...channels, webhook: { url: "javascript:alert(1)" } }), 400, "webhook.url");
    const saved = await put(channels);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.notifications).toEqual({
      quietHours: { from: "22:30", to: "06:30" },
      sms: "https://sms.example.cn/send",
      email: null,
      webhook: "https://hooks.example.cn/wuye",
    });
    expect(JSON.stringify(saved.body)).not.toContain("sms-token-1");
    etag = saved.headers.get("etag")!;
    // The token left out is kept: changing only the quiet hours needs no secret typed again.
    const again = await put({ ...channels, quietHours: { from: "23:00", to: "07:00" }, sms: { url: "https://sms.example.cn/send" } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    etag = again.headers.get("etag")!;
    expectProblem(await put(channels, manager, '"1"'), 412);

    const rotate = (match: string, token = manager) =>
      call("POST", `${C}/settings/notifications/webhook-secret`, { token, headers: { "if-match": match } });
    expectProblem(await rotate(etag, agent), 403);
    const first = await rotate(etag);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expectProblem(await rotate(etag), 412);
    const second = await rotate(first.headers.get("etag")!);
    expect(second.body.secret).not.toBe(first.body.secret);
    const view = await current(manager);
    expect(JSON.stringify(view.body)).not.toContain(first.body.secret);
    expect(JSON.stringify(view.body)).not.toContain(second.body.secret);

    const off = await put({ ...channels, sms: null, webhook: null }, manager, view.headers.get("etag")!);
    expect(off.body.notifications).toMatchObject({ sms: null, webhook: null });
    expectProblem(await rotate(off.headers.get("etag")!), 404);
  });
});

describe("my notification preferences", () => {
  it("reads back what I saved, mine only", async () => {
    const agent = await tokenFor("agent", B);
    const manager = await tokenFor("branchManager", B);
    expectProblem(await call("GET", `${C}/me/notification-preferences`), 401);
    expectProblem(
      await call("PUT", `${C}/me/notification-preferences`, { token: agent, body: { byType: { "milestone.breach": ["fax"] } } }),
      400,
    );
    expect(
      (await call("PUT", `${C}/me/notification-preferences`, { token: agent, body: { byType: { "milestone.breach": ["sms"] } } })).status,
    ).toBe(204);
    const mine = await call("GET", `${C}/me/notification-preferences`, { token: agent });
    expect(mine.status).toBe(200);
    expect(mine.body.byType).toEqual({ "milestone.breach": ["sms"] });
    expect(mine.body.contact.email).toBe(true);
    expect((await call("GET", `${C}/me/notification-preferences`, { token: manager })).body.byType["milestone.breach"]).toBeUndefined();
  });
});

describe("the audit log", () => {
  it("filters by record, staff member and day, names the staff member, exports CSV, and is the manager's only", async () => {
    const agent = await tokenFor("agent", B);
    const manager = await tokenFor("branchManager", B);
    const residents = await call("GET", `${C}/residents`, { token: agent });
    expect(residents.status).toBe(200);
    const listed = await call("GET", `${C}/audit?subjectType=resident-archive`, { token: manager });
    expect(listed.status).toBe(200);
    const entry = listed.body.items[0];
    expect(entry).toMatchObject({ action: "resident.archive.read", actorRole: "agent" });
    expect(entry.actorName).toEqual(expect.any(String));
    const byActor = await call("GET", `${C}/audit?actorId=${entry.actorId}`, { token: manager });
    expect(byActor.body.items.every((i: { actorId: string }) => i.actorId === entry.actorId)).toBe(true);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await call("GET", `${C}/audit?from=${today}&to=${today}`, { token: manager })).body.items.length).toBeGreaterThan(0);
    expect((await call("GET", `${C}/audit?from=2020-01-01&to=2020-01-02`, { token: manager })).body.items).toEqual([]);
    expectProblem(await call("GET", `${C}/audit?from=yesterday`, { token: manager }), 400, "from");
    expectProblem(await call("GET", `${C}/audit`, { token: agent }), 403);
    const elsewhere = await call("GET", `${C}/audit?limit=5000`, { token: await tokenFor("branchManager", "binjiang") });
    expect(elsewhere.body.items.map((i: { id: string }) => i.id)).not.toContain(entry.id);

    const csv = await call("GET", `${C}/audit?subjectType=resident-archive&format=csv`, {
      token: manager,
      headers: { "accept-language": "en" },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(["Time", "Staff member", "Role", "Action", "Record type", "Record id"]);
    expect(rows[1]![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+08:00$/);
    expect(rows[1]![1]).toBe(entry.actorName);
  });
});
