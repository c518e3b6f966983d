import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./api.ts";
import { launch, screenshot } from "./browser.ts";
import { signIn } from "./console.ts";

// An agent at the desk (1366 × 768) finds one request in the register by what a caller says on the phone: the full
// tracking code, one 5-character group of it, the last 4 digits of the phone, the name, the unit.

const NAME = "欧阳澜清";
const PHONE = `1390${String(Date.now()).slice(-7)}`;

describe("register search in the browser", () => {
  let browser: Browser;
  let page: Page;
  let code = "";
  let unit = "";

  beforeAll(async () => {
    browser = await launch();
    // A unit far down the list, so that the demo's other journeys do not file requests there.
    const profile = (await api("GET", "/api/v1/public/branches/yangguang")).body as {
      communities: Array<{ name: string; units: Array<{ id: string; label: string }> }>;
    };
    const community = profile.communities.at(-1)!;
    const target = community.units.at(-3)!;
    unit = target.label;
    const created = await api("POST", "/api/v1/public/branches/yangguang/requests", {
      headers: { "cf-connecting-ip": "10.77.0.1" },
      body: {
        kind: "repair",
        category: "door-window",
        description: "卧室窗户关不严,漏风",
        contact: { name: NAME, phone: PHONE },
        location: { unitId: target.id },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    code = created.body.trackingCode;
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    page = await signIn(ctx, "/console", "agent");
    await page.waitForSelector("#register-table", { timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function search(q: string) {
    await page.fill("#search", q);
    await page.press("#search", "Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), { timeout: 10_000 }).toBe(q);
    await page.waitForSelector(`#register-table tr[data-code="${code}"], #register-empty`, { timeout: 20_000 });
    return page.locator("#register-table tbody tr");
  }

  it.each([
    ["full-code", () => code, true],
    ["code-group", () => code.split("-")[2]!, true],
    ["phone-last4", () => PHONE.slice(-4), false],
    ["name", () => NAME, false],
    ["unit", () => unit, false],
    ["unit-dash", () => unit.replace(/栋|幢/, "-"), false],
  ])("finds it by %s", async (way, query, only) => {
    const rows = await search(query());
    await expect.poll(() => page.locator(`#register-table tr[data-code="${code}"]`).count(), { timeout: 20_000 }).toBe(1);
    if (only) expect(await rows.count()).toBe(1);
    await screenshot(page, `register-search-${way}`);
  });

  it("shows the unit, and the status on one line at 1366 px", async () => {
    await search(NAME);
    const row = page.locator(`#register-table tr[data-code="${code}"]`);
    expect(await row.locator("td[data-unit]").textContent()).toContain(unit);
    const status = row.locator("td").nth(2);
    const { height } = (await status.boundingBox())!;
    const lineHeight = await status.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect(height).toBeLessThan(lineHeight * 2 + 16);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it("filters with choosers in the domain's words, and orders urgent first", async () => {
    await page.goto(`${page.url().split("?")[0]}`);
    await page.selectOption("#f-kind", "repair");
    await page.selectOption("#f-status", "received");
    await page.selectOption("#f-order", "urgent");
    await expect.poll(() => new URL(page.url()).searchParams.get("order")).toBe("urgent");
    expect(await page.locator("#f-status option:checked").textContent()).toBe("已受理");
    await page.waitForSelector("#register-table tbody tr", { timeout: 20_000 });
    const urgency = await page
      .locator("#register-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => (r.querySelector("td:nth-child(2) .badge") ? "urgent" : "normal")));
    expect(urgency.indexOf("normal") === -1 || !urgency.slice(urgency.indexOf("normal")).includes("urgent")).toBe(true);
    await screenshot(page, "register-filters-urgent-first");
  });
});
