import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { api, session } from "./api.ts";
import { base, signIn } from "./console.ts";

// The daily SMS budget in 湖畔居 (hupan): the manager sets it to 0 in the branch rules, an agent on the phone records
// a caller's request and is told the tracking link was not texted and why, and the held text is in the deliveries
// with its reason while the manager's inbox has the alarm.
const BRANCH = "hupan";

/** The hupan branch manager's call to `/api/v1{path}`, with the answer's ETag. */
async function asManager(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const { token } = await session("branchManager", BRANCH);
  const res = await api(method, `/api/v1${path}`, { token, body, headers });
  return { status: res.status, etag: res.headers.get("etag"), body: res.body };
}

/** Quiet hours off, so the caller's text meets the budget whatever the hour in Shanghai when this runs. */
async function quietHours(quiet: { from: string; to: string }) {
  const current = await asManager("GET", "/console/settings");
  const res = await asManager(
    "PUT",
    "/console/settings/notifications",
    { quietHours: quiet, sms: null, email: null, webhook: null },
    { "if-match": current.etag! },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe("the daily SMS budget", () => {
  let browser: Browser;
  let manager: Page;

  beforeAll(async () => {
    browser = await launch();
    await quietHours({ from: "00:00", to: "00:00" });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    manager = await signIn(ctx, "/console/settings?tab=general", "branchManager", BRANCH);
  });
  afterAll(async () => {
    const current = await asManager("GET", "/console/settings");
    await asManager("PATCH", "/console/settings", { smsDailyBudget: 500 }, { "if-match": current.etag! });
    await quietHours({ from: "22:00", to: "07:00" });
    await browser?.close();
  });

  it("is set in the branch rules: a wrong value is named, 0 is saved", async () => {
    const field = manager.locator("#sms-budget");
    await field.waitFor({ timeout: 20_000 });
    expect(await field.inputValue()).toBe("500");
    await field.fill("-3");
    await manager.click("#rules-form button[type=submit]");
    await expect.poll(() => field.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    await field.fill("0");
    await manager.click("#rules-form button[type=submit]");
    await manager.locator('#settings-status[data-stale="false"]').waitFor({ timeout: 20_000 });
    expect((await asManager("GET", "/console/settings")).body.smsDailyBudget).toBe(0);
    await screenshot(manager, "sms-budget-settings");
  });

  it("tells the agent taking a call that the tracking link was not texted, and why; the held text and the alarm follow", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const agent = await signIn(ctx, "/console/new", "agent", BRANCH);
    await agent.waitForSelector("#new-request", { timeout: 20_000 });
    const caller = `135${String(Date.now()).slice(-8)}`;
    await agent.selectOption("#channel", "phone");
    await agent.selectOption("#kind", "inquiry");
    await agent.fill("#description", "来电询问停车费标准");
    await agent.fill("#area", "东区门岗");
    await agent.fill("#contact-name", "来电业主");
    await agent.fill("#contact-phone", caller);
    await agent.click("#new-request button[type=submit]");
    const held = agent.locator("#sms-held");
    await held.waitFor({ timeout: 20_000 });
    expect(await held.textContent()).toContain("今日短信额度 0 条已用完");
    const code = (await agent.locator("#sms-held .code").textContent())!.trim();
    expect(code).toMatch(/^HPJ/);
    expect(await agent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(agent, "sms-budget-intake-held");
    await agent.click("#open-held");
    await agent.waitForURL(/\/console\/r\//, { timeout: 20_000 });

    // The notify worker holds the text with the reason (nothing lost) and alarms the manager, once.
    const heldRow = async () =>
      (await asManager("GET", "/console/deliveries?status=held")).body.items.find(
        (i: { recipient: string }) => i.recipient === `${caller.slice(0, 3)}****${caller.slice(-4)}`,
      );
    await expect.poll(heldRow, { timeout: 60_000, interval: 1_000 }).toMatchObject({ error: "daily SMS budget of 0 spent" });
    const alarms = async () =>
      (await asManager("GET", "/console/inbox")).body.items.filter((i: { type: string }) => i.type === "sms.budgetReached");
    await expect.poll(async () => (await alarms()).length, { timeout: 60_000, interval: 1_000 }).toBe(1);

    // Whoever opens the request later sees that the caller never got the link, and why.
    await agent.reload();
    await agent.locator("#link-held").waitFor({ timeout: 20_000 });
    const message = agent.locator('#request-messages li[data-type="request.trackingLink"]');
    expect(await message.getAttribute("data-status")).toBe("held");
    expect(await message.locator(".reason").textContent()).toBe("今日短信额度 0 条已用完");
    await agent.locator("#request-messages").scrollIntoViewIfNeeded();
    await screenshot(agent, "sms-budget-request-held");

    await manager.goto(`${base()}/console/deliveries`);
    const row = manager.locator('#deliveries tr[data-status="held"]').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator(".reason").textContent()).toBe("今日短信额度 0 条已用完");
    await screenshot(manager, "sms-budget-deliveries");
  });
});
