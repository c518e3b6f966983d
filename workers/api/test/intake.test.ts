import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, expectProblem, tokenFor, uniqueIp, seededCommunity } from "./helpers.ts";

const HOUR = 3_600_000;
let phoneSeq = 0;
/** A fresh mobile number per test so that the per-phone daily limit never interferes. */
const phone = () => `139${String(10_000_000 + ++phoneSeq * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;

async function firstUnit(branch = "yangguang"): Promise<string> {
  return (await seededCommunity(branch)).units[0]!.id;
}

const base = (over: Record<string, unknown> = {}) => ({
  description: "家里厨房水管爆裂,水流不止",
  contact: { name: "林业主", phone: phone() },
  location: { area: "3栋大堂" },
  ...over,
});

// kind → [category, expected milestones and their durations]
const CASES: Array<[string, string | undefined, Record<string, number>]> = [
  ["medical", "medical", { reply: 5 * 60_000 }],
  ["repair", "water-outage", { onSite: 2 * HOUR, repaired: 24 * HOUR }],
  ["repair", "door-window", { repaired: 72 * HOUR }],
  ["complaint", "attitude", { response: 24 * HOUR }],
  ["inquiry", "property-info", { reply: 5 * 60_000 }],
  ["security", "theft", { reply: 5 * 60_000 }],
  ["disaster", "flooding", { reply: 5 * 60_000 }],
  ["help", "everyday-help", { reply: 5 * 60_000 }],
  ["suggestion", undefined, { reply: 24 * HOUR }],
];

function expectMilestones(
  body: { milestones: Array<{ name: string; dueAt: string }> },
  expected: Record<string, number>,
  before: number,
  after: number,
) {
  expect(body.milestones.map((m) => m.name).sort()).toEqual(Object.keys(expected).sort());
  for (const m of body.milestones) {
    const due = Date.parse(m.dueAt);
    expect(m.dueAt).toMatch(/Z$/);
    expect(due).toBeGreaterThanOrEqual(before + expected[m.name]!);
    expect(due).toBeLessThanOrEqual(after + expected[m.name]!);
  }
}

describe("intake: every kind through the portal and the console", () => {
  it.each(CASES)("portal: %s (%s)", async (kind, category, expected) => {
    const before = Date.now();
    const res = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: base({ kind, ...(category ? { category } : {}) }),
    });
    const after = Date.now();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^req_/),
      trackingCode: expect.stringMatching(/^YGHY-/),
      status: "received",
    });
    expectMilestones(res.body, expected, before, after);
    const tracked = await call("GET", `/api/v1/public/requests/${res.body.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body.milestones.map((m: { name: string }) => m.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(CASES)("console: %s (%s) owned by the taking agent", async (kind, category, expected) => {
    const token = await tokenFor("agent");
    const before = Date.now();
    const res = await call("POST", "/api/v1/console/requests", {
      token,
      body: base({ kind, channel: "phone", ...(category ? { category } : {}) }),
    });
    const after = Date.now();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectMilestones(res.body, expected, before, after);
    const detail = await call("GET", `/api/v1/console/requests/${res.body.id}`, { token });
    expect(detail.body.channel).toBe("phone");
    const me = await call("GET", "/api/v1/auth/login", {}); // not a route with GET: 404, keeps the token cache honest
    expect(me.status).toBe(404);
    expect(detail.body.ownerId).toMatch(/^stf_/);
    expect(detail.body.events[0].actorRole).toBe("agent");
  });

  it("lets staff override urgency with a reason on record", async () => {
    const token = await tokenFor("agent");
    const res = await call("POST", "/api/v1/console/requests", {
      token,
      body: base({
        kind: "repair",
        category: "door-window",
        channel: "walk-in",
        urgencyOverride: { urgency: "urgent", reason: "老人独居,门锁坏了无法关门" },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.urgency).toBe("urgent");
    expect(res.body.milestones.map((m: { name: string }) => m.name).sort()).toEqual(["onSite", "repaired"]);
    const detail = await call("GET", `/api/v1/console/requests/${res.body.id}`, { token });
    expect(detail.body.urgencyReason).toBe("老人独居,门锁坏了无法关门");
  });

  it("accepts a unit of the branch and refuses one of another branch", async () => {
    const own = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: base({ kind: "repair", category: "roof-leak", location: { unitId: await firstUnit("yangguang") } }),
    });
    expect(own.status).toBe(201);
    const foreign = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: base({ kind: "repair", location: { unitId: await firstUnit("binjiang") } }),
    });
    expectProblem(foreign, 400, "location.unitId");
  });
});

describe("idempotency", () => {
  it("makes exactly one request from 50 concurrent submissions with one key", async () => {
    const body = base({ kind: "repair", category: "drain-blocked" });
    const key = `idem-${crypto.randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", "/api/v1/public/branches/yangguang/requests", { body, headers: { "idempotency-key": key } }),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const token = await tokenFor("agent");
    const list = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent(body.description)}&limit=100`, { token });
    const sameText = list.body.items.filter((i: { id: string }) => i.id === results[0]!.body.id);
    expect(sameText).toHaveLength(1);
    const count = await call("GET", `/api/v1/console/requests?limit=100`, { token });
    expect(count.body.items.filter((i: { contactPhone: string }) => i.contactPhone.endsWith(body.contact.phone.slice(-4))).length).toBe(1);
  });

  it("answers 422 when a key is reused with another body", async () => {
    const key = `idem-${crypto.randomUUID()}`;
    const first = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: base({ kind: "inquiry" }),
      headers: { "idempotency-key": key },
    });
    expect(first.status).toBe(201);
    const second = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: base({ kind: "help" }),
      headers: { "idempotency-key": key },
    });
    expectProblem(second, 422);
  });
});

describe("abuse limits", () => {
  it("refuses identical text from the same phone within a minute", async () => {
    const body = base({ kind: "inquiry", description: `请问物业费怎么交 ${crypto.randomUUID()}` });
    expect((await call("POST", "/api/v1/public/branches/yangguang/requests", { body })).status).toBe(201);
    const again = await call("POST", "/api/v1/public/branches/yangguang/requests", { body });
    expectProblem(again, 429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("allows 10 requests a day per phone, then 429 with Retry-After", async () => {
    const p = phone();
    for (let i = 0; i < 10; i++) {
      const r = await call("POST", "/api/v1/public/branches/binjiang/requests", {
        body: base({ kind: "suggestion", description: `建议第${i}条`, contact: { name: "黄", phone: p } }),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const eleventh = `第十一条 ${crypto.randomUUID()}`;
    const over = await call("POST", "/api/v1/public/branches/binjiang/requests", {
      body: base({ kind: "suggestion", description: eleventh, contact: { name: "黄", phone: p } }),
    });
    expectProblem(over, 429);
    const retry = Number(over.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    // The database refused the write whole: no request, no event, and the refusal did not count.
    const token = await tokenFor("agent", "binjiang");
    const found = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent(eleventh)}&limit=10`, { token });
    expect(found.body.items).toHaveLength(0);
    const again = await call("POST", "/api/v1/public/branches/binjiang/requests", {
      body: base({ kind: "suggestion", description: `第十二条 ${crypto.randomUUID()}`, contact: { name: "黄", phone: p } }),
    });
    expectProblem(again, 429);
  });

  it("takes a different text from the same phone within the minute, and refuses a repeat with the key it was sent with", async () => {
    const p = phone();
    const first = base({ kind: "inquiry", description: `电梯年检什么时候 ${crypto.randomUUID()}`, contact: { name: "郑", phone: p } });
    expect((await call("POST", "/api/v1/public/branches/yangguang/requests", { body: first })).status).toBe(201);
    const other = base({ kind: "inquiry", description: `另外,停车卡怎么办 ${crypto.randomUUID()}`, contact: { name: "郑", phone: p } });
    expect((await call("POST", "/api/v1/public/branches/yangguang/requests", { body: other })).status).toBe(201);
    // The double tap of the second text, now with a fresh Idempotency-Key: still a repeat, at most a minute's wait.
    const repeat = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: other,
      headers: { "idempotency-key": `idem-${crypto.randomUUID()}` },
    });
    expectProblem(repeat, 429);
    expect(Number(repeat.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  it("limits per IP too", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 10; i++) {
      const r = await call("POST", "/api/v1/public/branches/hupan/requests", {
        body: base({ kind: "suggestion", description: `IP 建议 ${i}` }),
        headers: { "cf-connecting-ip": ip },
      });
      expect(r.status).toBe(201);
    }
    expectProblem(
      await call("POST", "/api/v1/public/branches/hupan/requests", {
        body: base({ kind: "suggestion" }),
        headers: { "cf-connecting-ip": ip },
      }),
      429,
    );
  });
});

describe("tracking never leaks", () => {
  it("answers 404 for a guessed code, a malformed code and an unknown branch prefix", async () => {
    for (const code of ["YGHY-AAAAA-BBBBB-CCCCC-DDDDD", "not-a-code", "ZZZZ-AAAAA-BBBBB-CCCCC-DDDDD", "' OR 1=1 --"]) {
      expectProblem(await call("GET", `/api/v1/public/requests/${encodeURIComponent(code)}`), 404);
    }
  });

  it("finds a code only in its own branch, and the branch's copy shows no staff-only fields", async () => {
    const agent = await tokenFor("agent", "binjiang");
    const body = base({ kind: "complaint", category: "attitude", channel: "letter", description: "保安态度恶劣" });
    const created = await call("POST", "/api/v1/console/requests", { token: agent, body });
    const code: string = created.body.trackingCode;
    expect(code.startsWith("BJY-")).toBe(true);
    // The same random part under another branch's prefix is not found.
    expectProblem(await call("GET", `/api/v1/public/requests/${code.replace(/^BJY-/, "YGHY-")}`), 404);
    const view = await call("GET", `/api/v1/public/requests/${code}`);
    expect(view.status).toBe(200);
    const text = JSON.stringify(view.body);
    // Staff-only fields and the resident's own contact details (not a bare "13": timestamps contain it).
    for (const forbidden of [
      "ownerId",
      "actorId",
      "stf_",
      "contactPhone",
      "urgencyReason",
      "data",
      body.contact.phone,
      body.contact.name,
    ]) {
      expect(text.includes(forbidden), forbidden).toBe(false);
    }
    expect(view.body.timeline.length).toBeGreaterThan(0);
  });
});

describe("bad input changes nothing", () => {
  const BAD: Array<[string, unknown, string]> = [
    ["missing description", { kind: "repair", contact: { name: "a", phone: "13800138000" }, location: { area: "x" } }, "description"],
    ["missing contact", { kind: "repair", description: "x", location: { area: "x" } }, "contact"],
    ["unknown kind", { kind: "wish", description: "x", contact: { name: "a", phone: "13800138000" }, location: { area: "x" } }, "kind"],
    [
      "wrong category for kind",
      { kind: "complaint", category: "roof-leak", description: "x", contact: { name: "a", phone: "13800138000" }, location: { area: "x" } },
      "category",
    ],
    ["bad phone", { kind: "repair", description: "x", contact: { name: "a", phone: "12345" }, location: { area: "x" } }, "contact.phone"],
    [
      "script in text",
      { kind: "repair", description: "<script>alert(1)</script>", contact: { name: "a", phone: "13800138000" }, location: { area: "x" } },
      "description",
    ],
    [
      "html in name",
      { kind: "repair", description: "x", contact: { name: "<img src=x onerror=1>", phone: "13800138000" }, location: { area: "x" } },
      "contact.name",
    ],
    [
      "unknown field",
      { kind: "repair", description: "x", contact: { name: "a", phone: "13800138000" }, location: { area: "x" }, ownerId: "stf_x" },
      "ownerId",
    ],
    [
      "both unit and area",
      { kind: "repair", description: "x", contact: { name: "a", phone: "13800138000" }, location: { area: "x", unitId: "unit_x" } },
      "location",
    ],
    [
      "appointment backwards",
      {
        kind: "repair",
        description: "x",
        contact: { name: "a", phone: "13800138000" },
        location: { area: "x" },
        appointment: { from: "2026-12-01T10:00:00Z", to: "2026-12-01T09:00:00Z" },
      },
      "appointment.to",
    ],
    [
      "description too long",
      { kind: "repair", description: "漏".repeat(2001), contact: { name: "a", phone: "13800138000" }, location: { area: "x" } },
      "description",
    ],
    [
      "keyLeft as string",
      { kind: "repair", description: "x", contact: { name: "a", phone: "13800138000" }, location: { area: "x" }, keyLeft: "yes" },
      "keyLeft",
    ],
  ];

  it.each(BAD)("%s → 400 naming the field, nothing stored", async (_name, body, field) => {
    const token = await tokenFor("agent");
    const before = await call("GET", "/api/v1/console/requests?limit=1", { token });
    const res = await call("POST", "/api/v1/public/branches/yangguang/requests", { body });
    expectProblem(res, 400, field);
    const after = await call("GET", "/api/v1/console/requests?limit=1", { token });
    expect(after.body.items[0]?.id).toBe(before.body.items[0]?.id);
  });

  it("refuses a 10 MB description with 413 and stores nothing", async () => {
    const res = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: base({ kind: "repair", description: "x".repeat(10 * 1024 * 1024) }),
    });
    expectProblem(res, 413);
  });

  it("answers 404 for an unknown branch", async () => {
    expectProblem(await call("POST", "/api/v1/public/branches/nowhere/requests", { body: base({ kind: "repair" }) }), 404);
    expectProblem(await call("GET", "/api/v1/public/branches/nowhere"), 404);
  });
});

describe("register and privacy", () => {
  it("masks phones in lists, shows them in the audited detail", async () => {
    const token = await tokenFor("agent", "hupan");
    const p = phone();
    const created = await call("POST", "/api/v1/console/requests", {
      token,
      body: base({ kind: "inquiry", channel: "walk-in", contact: { name: "郑先生", phone: p } }),
    });
    const list = await call("GET", "/api/v1/console/requests?channel=walk-in", { token });
    const item = list.body.items.find((i: { id: string }) => i.id === created.body.id);
    expect(item.contactPhone).toBe(`${p.slice(0, 3)}****${p.slice(-4)}`);
    expect(JSON.stringify(list.body)).not.toContain(p);
    const detail = await call("GET", `/api/v1/console/requests/${created.body.id}`, { token });
    expect(detail.body.contactPhone).toBe(p);
    const manager = await tokenFor("branchManager", "hupan");
    const audit = await call("GET", `/api/v1/console/audit?subjectType=request&subjectId=${created.body.id}`, { token: manager });
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({ action: "request.readResident", actorRole: "agent", subjectId: created.body.id });
    expectProblem(await call("GET", "/api/v1/console/audit", { token }), 403);
    expectProblem(await call("DELETE", `/api/v1/console/audit`, { token: manager }), 404);
  });

  it("filters the register by kind, owner, overdue and text, with cursor pages", async () => {
    const token = await tokenFor("agent2", "hupan").catch(() => tokenFor("agent", "hupan"));
    for (let i = 0; i < 3; i++)
      await call("POST", "/api/v1/console/requests", {
        token,
        body: base({ kind: "help", channel: "phone", description: `帮忙找快递 ${i} 号` }),
      });
    const mine = await call("GET", "/api/v1/console/requests?owner=me&kind=help&limit=2", { token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.nextCursor).toBeTruthy();
    const next = await call(
      "GET",
      `/api/v1/console/requests?owner=me&kind=help&limit=2&cursor=${encodeURIComponent(mine.body.nextCursor)}`,
      { token },
    );
    expect(next.body.items.length).toBeGreaterThanOrEqual(1);
    expect(next.body.items.map((i: { id: string }) => i.id)).not.toContain(mine.body.items[0].id);
    const text = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent("找快递 1 号")}`, { token });
    expect(text.body.items).toHaveLength(1);
    const overdue = await call("GET", "/api/v1/console/requests?overdue=true", { token });
    expect(
      overdue.body.items.every((i: { nextDueAt: string | null }) => i.nextDueAt === null || Date.parse(i.nextDueAt) < Date.now()),
    ).toBe(true);
    expectProblem(await call("GET", "/api/v1/console/requests?limit=1000", { token }), 400, "limit");
    expectProblem(await call("GET", "/api/v1/console/requests?kind=wish", { token }), 400, "kind");
  });
});

void env;
