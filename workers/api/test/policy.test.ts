import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor } from "./helpers.ts";

describe("deadline policy settings", () => {
  it("is edited with If-Match, versioned, and applies to new milestones only", async () => {
    const supervisor = await tokenFor("serviceSupervisor", "hupan");
    const agent = await tokenFor("agent", "hupan");
    const current = await call("GET", "/api/v1/console/settings/policy", { token: agent });
    expect(current.status).toBe(200);
    const etag = current.headers.get("etag")!;

    const before = await call("POST", "/api/v1/console/requests", {
      token: agent,
      body: {
        kind: "inquiry",
        description: "开水房几点开?",
        contact: { name: "吕", phone: "13400134001" },
        location: { area: "会所" },
        channel: "phone",
      },
    });
    const reply = (b: { milestones: Array<{ name: string; dueAt: string }> }, createdAt: number) =>
      Date.parse(b.milestones.find((m) => m.name === "reply")!.dueAt) - createdAt;
    const beforeDue = reply(before.body, Date.now());
    expect(beforeDue).toBeLessThanOrEqual(5 * 60_000);

    const { version: _v, ...policy } = current.body.policy as Record<string, unknown> & {
      rules: Array<{ milestone: string; kinds: string[]; durationMinutes: number }>;
    };
    const edited = {
      ...policy,
      rules: policy.rules.map((r) => (r.milestone === "reply" && r.kinds.includes("inquiry") ? { ...r, durationMinutes: 10 } : r)),
    };
    expectProblem(await call("PUT", "/api/v1/console/settings/policy", { token: agent, body: edited, headers: { "if-match": etag } }), 403);
    const saved = await call("PUT", "/api/v1/console/settings/policy", { token: supervisor, body: edited, headers: { "if-match": etag } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(current.body.version + 1);
    expectProblem(
      await call("PUT", "/api/v1/console/settings/policy", { token: supervisor, body: edited, headers: { "if-match": etag } }),
      412,
    );

    const after = await call("POST", "/api/v1/console/requests", {
      token: agent,
      body: {
        kind: "inquiry",
        description: "游泳池开放吗?",
        contact: { name: "吕", phone: "13400134001" },
        location: { area: "会所" },
        channel: "phone",
      },
    });
    const afterDue = reply(after.body, Date.now());
    expect(afterDue).toBeGreaterThan(9 * 60_000);
    expect(afterDue).toBeLessThanOrEqual(10 * 60_000);
    // History is untouched: the earlier request keeps its 5-minute clock.
    const old = await call("GET", `/api/v1/console/requests/${before.body.id}`, { token: agent });
    expect(old.body.milestones[0].dueAt).toBe(before.body.milestones[0].dueAt);
  });

  it("refuses an invalid policy naming the field", async () => {
    const supervisor = await tokenFor("serviceSupervisor", "binjiang");
    const current = await call("GET", "/api/v1/console/settings/policy", { token: supervisor });
    const { version: _v, ...policy } = current.body.policy;
    const etag = current.headers.get("etag")!;
    expectProblem(
      await call("PUT", "/api/v1/console/settings/policy", {
        token: supervisor,
        body: { ...policy, rules: [{ ...policy.rules[0], calendar: "nowhere" }] },
        headers: { "if-match": etag },
      }),
      400,
      "rules",
    );
    expectProblem(
      await call("PUT", "/api/v1/console/settings/policy", {
        token: supervisor,
        body: { ...policy, rules: [{ ...policy.rules[0], durationMinutes: -5 }] },
        headers: { "if-match": etag },
      }),
      400,
      "durationMinutes",
    );
    expectProblem(await call("PUT", "/api/v1/console/settings/policy", { token: supervisor, body: policy }), 400, "if-match");
  });
});

describe("category list", () => {
  it("a branch marks a category urgent and new requests follow it", async () => {
    const supervisor = await tokenFor("serviceSupervisor", "yangguang");
    const agent = await tokenFor("agent", "yangguang");
    const lists = await call("GET", "/api/v1/console/settings", { token: agent });
    expect(lists.status).toBe(200);
    const categories = lists.body.categories.map((c: { code: string; urgent: boolean }) =>
      c.code === "window-hinge-x" ? c : c.code === "roof-leak" ? { ...c, urgent: true } : c,
    );
    const saved = await call("PATCH", "/api/v1/console/settings", {
      token: supervisor,
      body: { categories },
      headers: { "if-match": lists.headers.get("etag")! },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const created = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "repair",
        category: "roof-leak",
        description: "暴雨屋顶漏水严重",
        contact: { name: "卫", phone: "13300133001" },
        location: { area: "9栋" },
      },
    });
    expect(created.body.urgency).toBe("urgent");
    const profile = await call("GET", "/api/v1/public/branches/yangguang");
    expect(profile.body.categories.find((c: { code: string }) => c.code === "roof-leak").urgent).toBe(true);
    expectProblem(
      await call("PATCH", "/api/v1/console/settings", {
        token: supervisor,
        body: { categories: [{ code: "X", kind: "repair" }] },
        headers: { "if-match": saved.headers.get("etag")! },
      }),
      400,
      "categories",
    );
    expectProblem(
      await call("PATCH", "/api/v1/console/settings", {
        token: agent,
        body: { categories },
        headers: { "if-match": saved.headers.get("etag")! },
      }),
      403,
    );
    // Notification channels: stored with their secret, shown without it.
    const hook = await call("PATCH", "/api/v1/console/settings", {
      token: supervisor,
      body: {
        notifications: {
          quietHours: { from: "22:00", to: "07:00" },
          webhook: { url: "https://hooks.example.cn/wuye", secret: "a-very-long-webhook-secret" },
        },
      },
      headers: { "if-match": saved.headers.get("etag")! },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(200);
    expect(hook.body.notifications.webhook).toBe("https://hooks.example.cn/wuye");
    expect(JSON.stringify(hook.body)).not.toContain("a-very-long-webhook-secret");
    expectProblem(
      await call("PATCH", "/api/v1/console/settings", {
        token: supervisor,
        body: { notifications: { webhook: { url: "not a url", secret: "short" } } },
        headers: { "if-match": hook.headers.get("etag")! },
      }),
      400,
      "notifications.webhook",
    );
  });
});

describe("a partial change of the settings", () => {
  it("changes the parts sent and keeps every other part (channels and their secrets included)", async () => {
    const supervisor = await tokenFor("serviceSupervisor", "binjiang");
    const before = await call("GET", "/api/v1/console/settings", { token: supervisor });
    expect(before.body.workflow).toEqual({ reopenOnUnsatisfied: true, warrantyMonths: 3 });
    const hook = await call("PATCH", "/api/v1/console/settings", {
      token: supervisor,
      body: {
        notifications: {
          quietHours: { from: "22:30", to: "07:00" },
          webhook: { url: "https://hooks.example.cn/binjiang", secret: "binjiang-webhook-secret-0001" },
        },
        nightShift: { from: "21:00", to: "08:00" },
      },
      headers: { "if-match": before.headers.get("etag")! },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(200);

    // The price list alone: yuan typed in the console arrive as fen.
    const priceList = [
      ...before.body.priceList,
      {
        code: "balcony-rail",
        name: { "zh-CN": "阳台栏杆加固", en: "Balcony railing fix" },
        unit: "米",
        labourFen: 4550,
        materialFen: 1200,
        skill: "welding",
      },
    ];
    const prices = await call("PATCH", "/api/v1/console/settings", {
      token: supervisor,
      body: { priceList },
      headers: { "if-match": hook.headers.get("etag")! },
    });
    expect(prices.status, JSON.stringify(prices.body)).toBe(200);
    expect(prices.body.priceList.at(-1)).toMatchObject({ code: "balcony-rail", labourFen: 4550, skill: "welding" });
    expect(prices.body.notifications).toMatchObject({
      quietHours: { from: "22:30", to: "07:00" },
      webhook: "https://hooks.example.cn/binjiang",
    });
    expect(prices.body.nightShift).toEqual({ from: "21:00", to: "08:00" });
    expect(prices.body.publicDailyLimit).toBe(before.body.publicDailyLimit);
    const profile = await call("GET", "/api/v1/public/branches/binjiang");
    expect(profile.body.priceList.at(-1)).toMatchObject({ code: "balcony-rail", labourFen: 4550, materialFen: 1200 });

    const wf = await call("PATCH", "/api/v1/console/settings", {
      token: supervisor,
      body: { workflow: { reopenOnUnsatisfied: false, warrantyMonths: 6 }, publicDailyLimit: 20 },
      headers: { "if-match": prices.headers.get("etag")! },
    });
    expect(wf.status, JSON.stringify(wf.body)).toBe(200);
    expect(wf.body).toMatchObject({
      workflow: { reopenOnUnsatisfied: false, warrantyMonths: 6 },
      publicDailyLimit: 20,
      nightShift: { from: "21:00", to: "08:00" },
    });
    expect(wf.body.priceList.at(-1).code).toBe("balcony-rail");
    expect(wf.body.notifications.webhook).toBe("https://hooks.example.cn/binjiang");

    // Two items with one code are refused at the second one; a stale version is refused too.
    expectProblem(
      await call("PATCH", "/api/v1/console/settings", {
        token: supervisor,
        body: { priceList: [...priceList, priceList[0]] },
        headers: { "if-match": wf.headers.get("etag")! },
      }),
      400,
      `priceList.${priceList.length}.code`,
    );
    expectProblem(
      await call("PATCH", "/api/v1/console/settings", {
        token: supervisor,
        body: { publicDailyLimit: 5 },
        headers: { "if-match": prices.headers.get("etag")! },
      }),
      412,
    );

    // Back as it was for the other tests.
    const restored = await call("PATCH", "/api/v1/console/settings", {
      token: supervisor,
      body: {
        priceList: before.body.priceList,
        workflow: before.body.workflow,
        publicDailyLimit: before.body.publicDailyLimit,
        nightShift: before.body.nightShift,
        notifications: { quietHours: before.body.notifications.quietHours },
      },
      headers: { "if-match": wf.headers.get("etag")! },
    });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
  });
});
