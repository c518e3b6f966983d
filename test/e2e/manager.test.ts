import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, clickNav, login, signIn } from "./console.ts";

// The branch manager's day at the desk PC (1366 × 768), in 滨江苑 (binjiang): the deadline policy, a calendar
// with the year's holiday list imported, a category and a skill, a save that lost to a colleague's, a failed
// delivery retried, and the audit log read and exported.
const BRANCH = "binjiang";
const DESK = { width: 1366, height: 768 };

async function session(role: string) {
  const who = login(role, BRANCH);
  const res = await fetch(`${base()}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  return (await res.json()) as { accessToken: string; staff: { name: string } };
}

async function api(method: string, path: string, role: string, body?: unknown, headers: Record<string, string> = {}) {
  const auth = await session(role);
  const res = await fetch(`${base()}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${auth.accessToken}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: text ? JSON.parse(text) : null };
}

const saved = async (page: Page) => {
  const status = page.locator("#settings-status");
  await status.waitFor({ timeout: 20_000 });
  expect(await status.getAttribute("data-stale")).toBe("false");
  return status.textContent();
};

describe("branch manager", () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    ctx = await browser.newContext({ viewport: DESK, locale: "zh-CN", acceptDownloads: true });
    page = await signIn(ctx, "/console/settings?tab=policy", "branchManager", BRANCH);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("edits the deadline policy: a duration and the escalation ladder", async () => {
    await page.waitForSelector("#policy-form", { timeout: 20_000 });
    const rule = page.locator('#policy-rules tr[data-rule="response:complaint:"]');
    await rule.locator('input[data-field="duration"]').fill("720");
    await page.fill("#ladder-hq", "");
    await page.fill("#ladder-region", "90");
    await page.click("#policy-save");
    await saved(page);
    const policy = (await api("GET", "/console/settings/policy", "branchManager")).body.policy;
    expect(policy.rules.find((r: { milestone: string }) => r.milestone === "response").durationMinutes).toBe(720);
    expect(policy.escalationDelaysMinutes).toEqual([0, 30, 90]);
    // The commitments residents read follow: 12 hours.
    await expect.poll(() => page.locator('#policy .commitments li[data-milestone="response"]').textContent()).toContain("12");
    await screenshot(page, "manager-policy");
  });

  it("adds a working-hours calendar and imports the year's official holiday list", async () => {
    await page.click('button[data-tab="calendar"]');
    await page.waitForSelector("#calendar-form", { timeout: 20_000 });
    await page.click("#calendar-form button.secondary");
    const file = page.locator('input[data-import="office-2"]');
    await file.setInputFiles({
      name: "2027.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("date,type,name\n2027-01-01,holiday,元旦\n2027-02-06,班,春节调休\n2027-02-08,休,春节\nnot a day,holiday\n"),
    });
    // Three days read, the line that is not a day reported by its number.
    await expect.poll(() => page.locator("#import-status").textContent()).toMatch(/2 个节假日、1 个调休上班日.*5/);
    await screenshot(page, "manager-calendar");
    await page.click("#calendar-save");
    await saved(page);
    const cal = (await api("GET", "/console/settings/policy", "branchManager")).body.policy.calendars["office-2"];
    expect(cal).toMatchObject({ kind: "working-hours", holidays: ["2027-01-01", "2027-02-08"], workdays: ["2027-02-06"] });
    expect(cal.week["1"]).toEqual([
      ["08:30", "12:00"],
      ["13:30", "17:30"],
    ]);
  });

  it("adds a skill, then a category that needs it, and flags an existing category urgent", async () => {
    await page.click('button[data-tab="categories"]');
    await page.waitForSelector("#skills-form", { timeout: 20_000 });
    await page.click("#skill-add");
    const skill = page.locator("#skills-form tbody tr").last();
    await skill.locator('input[data-field="code"]').fill("locksmith");
    await skill.locator('input[data-field="zh"]').fill("开锁");
    await skill.locator('input[data-field="en"]').fill("Locksmith");
    // Typed into the categories before the skills are saved: the skills' save must not wipe it.
    const roof = page.locator('#categories-form tr[data-category="roof-leak"]');
    await roof.locator('input[data-field="en"]').fill("Roof or ceiling leak");
    const version = Number(await page.locator("#settings").getAttribute("data-version"));
    await page.click("#skills-save");
    await saved(page);
    // The refetch after the save renews the skills form; the page still says it was saved, with the new version.
    await expect.poll(() => page.locator("#settings").getAttribute("data-version"), { timeout: 20_000 }).toBe(String(version + 1));
    await page.locator('#skills-form tr[data-skill="locksmith"] code.plain-code').waitFor({ timeout: 20_000 });
    expect(await page.locator("#settings-status").isVisible()).toBe(true);
    expect(await page.locator("#settings-status").textContent()).toContain(String(version + 1));
    expect(await roof.locator('input[data-field="en"]').inputValue()).toBe("Roof or ceiling leak");

    await page.click("#category-add");
    const row = page.locator("#categories-form tbody tr").last();
    await row.locator("input").first().fill("lock-out");
    await row.locator('input[data-field="zh"]').fill("钥匙锁在屋里");
    await row.locator('input[data-field="en"]').fill("Locked out");
    await row.locator('input[data-field="urgent"]').check();
    await row.locator('select[data-field="skill"]').selectOption("locksmith");
    await page.click("#categories-save");
    await saved(page);
    await screenshot(page, "manager-categories");
    const profile = (await (await fetch(`${base()}/api/v1/public/branches/${BRANCH}`)).json()) as {
      categories: Array<{ code: string; urgent: boolean; name: unknown }>;
    };
    expect(profile.categories.find((c) => c.code === "lock-out")).toMatchObject({ urgent: true });
    const settings = (await api("GET", "/console/settings", "branchManager")).body;
    expect(settings.categories.find((c: { code: string }) => c.code === "lock-out").skill).toBe("locksmith");
    expect(settings.skills.find((s: { code: string }) => s.code === "locksmith").name).toEqual({ zh: "开锁", en: "Locksmith" });
  });

  it("a stale save says whose change won", async () => {
    await page.reload();
    await page.waitForSelector("#categories-form", { timeout: 20_000 });
    // A colleague (the service-center supervisor) saves meanwhile.
    const current = await api("GET", "/console/settings", "serviceSupervisor");
    const won = await api("PATCH", "/console/settings", "serviceSupervisor", { publicDailyLimit: 12 }, { "if-match": current.etag! });
    expect(won.status).toBe(200);
    await page.locator('#categories-form tr[data-category="attitude"] input[data-field="zh"]').fill("服务态度问题");
    await page.click("#categories-save");
    const status = page.locator('#settings-status[data-stale="true"]');
    await status.waitFor({ timeout: 20_000 });
    const { name } = (await session("serviceSupervisor")).staff;
    expect(await status.textContent()).toContain(`${name} 已于`);
    await screenshot(page, "manager-stale");
  });

  it("sets up a webhook that fails, and retries a failed delivery now", async () => {
    await page.click('button[data-tab="channels"]');
    await page.waitForSelector("#channels-form", { timeout: 20_000 });
    await page.fill("#webhook-url", "http://127.0.0.1:9/hook");
    await page.click("#channels-save");
    await saved(page);
    await page.click("#rotate-secret");
    await expect.poll(() => page.locator("#new-secret code").textContent(), { timeout: 10_000 }).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, "manager-channels");

    const created = await fetch(`${base()}/api/v1/public/branches/${BRANCH}/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": "10.77.0.1" },
      body: JSON.stringify({
        kind: "medical",
        description: "3栋门口有老人摔倒",
        contact: { name: "业主", phone: "13712340000" },
        location: { area: "3栋" },
      }),
    });
    expect(created.status).toBe(201);
    // The alarm goes to the manager and to the webhook: the notify consumer tries it, fails, and records why.
    await expect
      .poll(async () => (await api("GET", "/console/deliveries", "branchManager")).body.items.length, { timeout: 60_000, interval: 1_000 })
      .toBeGreaterThan(0);
    await page.goto(`${base()}/console/deliveries`);
    const first = page.locator("#deliveries tr[data-delivery]:has(button[data-retry])").first();
    await first.waitFor({ timeout: 20_000 });
    const failed = page.locator(`#deliveries tr[data-delivery="${await first.getAttribute("data-delivery")}"]`).first();
    expect(await failed.locator("td.reason").textContent()).not.toBe("—");
    await screenshot(page, "manager-deliveries");
    await failed.locator("button[data-retry]").click();
    await failed.locator('[role="status"]').waitFor({ timeout: 10_000 });
  });

  it("reads the audit log of resident records and exports it as CSV", async () => {
    const residents = await api("GET", "/console/residents", "agent");
    expect(residents.status).toBe(200);
    const id = residents.body.items[0]?.id;
    if (id) expect((await api("GET", `/console/residents/${id}`, "agent")).status).toBe(200);
    await page.goto(`${base()}/console`);
    await clickNav(page, "/console/audit");
    await page.selectOption("#audit-subject", "");
    await page.click("#audit-filter button[type=submit]");
    await page.waitForSelector("#audit-table", { timeout: 20_000 });
    expect(await page.locator('#audit-table tr[data-action^="resident."]').count()).toBeGreaterThan(0);
    await screenshot(page, "manager-audit");
    // A record id has no break of its own: it wraps in its cell at the desk, and the phone's page never scrolls sideways.
    const right = async (selector: string) => {
      const box = (await page.locator(selector).boundingBox())!;
      return box.x + box.width;
    };
    expect(await right("#audit-table")).toBeLessThanOrEqual(await right("#audit"));
    expect(await page.locator("#audit-table td.record-id code").first().getAttribute("title")).toMatch(/\S/);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "manager-audit-390");
    await page.setViewportSize({ width: 1366, height: 768 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('#audit a[data-csv="audit"]')]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toContain("操作人");
    expect(csv).toContain("resident.");
  });

  it("has a top bar of one line at the desk: the set-up and supervision pages under 管理, marked while one is open", async () => {
    const manage = page.locator("#nav-manage");
    expect(await manage.getAttribute("aria-current")).toBe("true");
    expect(await page.locator('.topbar a[href="/console/audit"]').getAttribute("aria-current")).toBe("page");
    const middle = async (selector: string) => {
      const box = (await page.locator(selector).boundingBox())!;
      return box.y + box.height / 2;
    };
    const first = await middle('.topbar nav a[href="/console"]');
    expect(Math.abs((await middle("#logout")) - first)).toBeLessThan(8);
    expect(Math.abs((await middle("#lang")) - first)).toBeLessThan(8);
    await manage.click();
    for (const href of ["/console/settings", "/console/places", "/console/staff", "/console/surveys", "/console/deliveries"])
      expect(await page.locator(`.topbar a[href="${href}"]`).isVisible()).toBe(true);
    await screenshot(page, "manager-nav-1366");
    // Escape closes the menu and gives the focus back to its button.
    await page.keyboard.press("Escape");
    expect(await page.locator('.topbar a[href="/console/settings"]').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("nav-manage");
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await manage.click();
      await page.locator('.topbar a[href="/console/staff"]').waitFor();
      // The bar and its open menu fit the phone's width: nothing of it sideways.
      const widest = await page.evaluate(() =>
        Math.max(
          ...[...document.querySelectorAll(".topbar, .topbar *")]
            .filter((e) => e.checkVisibility())
            .map((e) => e.getBoundingClientRect().right),
        ),
      );
      expect(widest).toBeLessThanOrEqual(390);
      const panel = (await page.locator(".nav-menu[open] .nav-menu-items").boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(390);
      await screenshot(page, "manager-nav-390");
      await clickNav(page, "/console/me/notifications");
      await page.waitForSelector("#prefs-form", { timeout: 20_000 });
      expect(await page.locator("#whoami").getAttribute("aria-current")).toBe("true");
      expect(await manage.getAttribute("aria-current")).toBeNull();
    } finally {
      await page.setViewportSize(DESK);
    }
  });

  it("sets my own notification preferences", async () => {
    await page.goto(`${base()}/console/me/notifications`);
    await page.waitForSelector("#prefs-form", { timeout: 20_000 });
    await page.check('#prefs-form tr[data-type="milestone.escalation"] input[data-channel="email"]');
    await page.click("#prefs-save");
    await page.waitForSelector("#prefs-status", { timeout: 20_000 });
    await page.reload();
    await page.waitForSelector("#prefs-form", { timeout: 20_000 });
    expect(await page.isChecked('#prefs-form tr[data-type="milestone.escalation"] input[data-channel="email"]')).toBe(true);
    await screenshot(page, "manager-notifications");
  });

  it("is refused the audit log and deliveries as an agent", async () => {
    expect((await api("GET", "/console/audit", "agent")).status).toBe(403);
    expect((await api("GET", "/console/deliveries", "agent")).status).toBe(403);
    // Its own browser: the manager's context holds the manager's session cookie, which the console restores.
    const agentContext = await browser.newContext({ viewport: DESK, locale: "zh-CN" });
    const agent = await signIn(agentContext, "/console", "agent", BRANCH);
    await agent.waitForSelector("#whoami", { timeout: 20_000 });
    expect(await agent.locator('a[href="/console/audit"], a[href="/console/deliveries"]').count()).toBe(0);
  });
});
