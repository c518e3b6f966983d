import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { reportingMonth } from "@wuye/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, login, signIn } from "./console.ts";

// Head office and a region at the desk PC: the headline on-time rate as the API computes it, the ranking, a
// branch drill-down, the monthly PDCA report and its A4 print view, CSV exports; head office in both languages.
const DESK = { width: 1366, height: 768 };

async function apiAs(role: string, path: string) {
  const who = login(role, null);
  const auth = (await (
    await fetch(`${base()}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: who.email, password: who.password }),
    })
  ).json()) as { accessToken: string };
  return (await (await fetch(`${base()}/api/v1${path}`, { headers: { authorization: `Bearer ${auth.accessToken}` } })).json()) as any;
}

async function staffToken(role: string, branch: string) {
  const who = login(role, branch);
  const res = await fetch(`${base()}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * Two inquiries in 滨江苑 answered at once (their reply milestones met on time), one repair of a default category
 * in 阳光花园 left open; the repair's id.
 */
async function someWork(): Promise<string> {
  const submit = async (branch: string, i: number, body: Record<string, unknown>) => {
    const res = await fetch(`${base()}/api/v1/public/branches/${branch}/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `10.88.0.${i}` },
      body: JSON.stringify({ contact: { name: "业主", phone: `1391234567${i}` }, location: { area: "大堂" }, ...body }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const agent = await staffToken("agent", "binjiang");
  for (const i of [1, 2]) {
    const id = await submit("binjiang", i, { kind: "inquiry", description: `停车月卡怎么办理 ${i}` });
    const answered = await fetch(`${base()}/api/v1/console/requests/${id}/actions/answer`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${agent}` },
      body: JSON.stringify({ text: "您好,请携带行驶证到客服中心办理。" }),
    });
    expect(answered.status).toBe(200);
  }
  return submit("yangguang", 3, { kind: "repair", category: "water-fixture", description: "厨房水龙头滴水" });
}

const fromDay = () => new Date(Date.now() + 8 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10);

describe("head office and region", () => {
  let browser: Browser;
  let repair: string;
  beforeAll(async () => {
    browser = await launch();
    // Last month's PDCA reports, as the minute sweep writes them early each month.
    expect((await fetch(`${base()}/api/v1/dev/sweep`, { method: "POST" })).status).toBe(200);
    repair = await someWork();
    // The facts reach head office through the queue (expect.poll is for tests; this is set-up).
    for (let i = 0; (await apiAs("hqSupervisor", `/hq/overview?from=${fromDay()}`)).onTimeRate === null; i++) {
      if (i > 60) throw new Error("the answered inquiries never reached head office's figures");
      await new Promise((r) => setTimeout(r, 1_000));
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of ["zh-CN", "en"] as const) {
    it(`head office (${locale}): the headline on-time rate, the ranking and a drill-down agree`, async () => {
      const ctx = await browser.newContext({ viewport: DESK, locale, acceptDownloads: true });
      await ctx.addInitScript((l) => localStorage.setItem("locale", l), locale);
      const page = await signIn(ctx, "/hq", "hqSupervisor", null);
      await page.waitForSelector("#ranking tbody tr", { timeout: 30_000 });
      const overview = await apiAs("hqSupervisor", `/hq/overview?from=${fromDay()}`);
      const shown = overview.onTimeRate === null ? "—" : `${overview.onTimeRate}%`;
      await expect.poll(() => page.locator("#stat-compliance .v").textContent()).toBe(shown);
      expect(await page.locator("#stat-satisfaction .l").textContent()).toContain("5");
      await screenshot(page, `hq-overview-${locale}`);

      const [download] = await Promise.all([page.waitForEvent("download"), page.click('#ranking a[data-csv="branches"]')]);
      const header = readFileSync((await download.path())!, "utf8")
        .replace(/^\ufeff/, "")
        .split("\r\n")[0]!;
      expect(header).toContain(locale === "en" ? "On-time rate (%)" : "按时率(%)");

      const first = page.locator("#ranking tbody tr").first();
      const slug = (await first.getAttribute("data-branch"))!;
      const rankRate = (await first.locator(".badge").textContent())!.trim();
      await first.locator("a").click();
      await page.waitForSelector(`#branch-drill[data-branch="${slug}"]`, { timeout: 20_000 });
      await expect.poll(() => page.locator("#branch-drill #stat-compliance .v").textContent()).toBe(rankRate);
      await screenshot(page, `hq-drilldown-${locale}`);
      await ctx.close();
    });
  }

  it("head office reads a month's PDCA report and its A4 print view", async () => {
    const ctx = await browser.newContext({ viewport: DESK, locale: "zh-CN" });
    const page = await signIn(ctx, "/hq/reports", "hqSupervisor", null);
    await page.waitForSelector("#pdca-list tr[data-month]", { timeout: 30_000 });
    await screenshot(page, "hq-pdca-list");
    const month = (await page.locator("#pdca-list tr[data-month]").first().getAttribute("data-month"))!;
    await page.locator(`#pdca-list tr[data-month="${month}"] a`).first().click();
    await page.waitForSelector(`#pdca-report[data-month="${month}"]`, { timeout: 20_000 });
    await screenshot(page, "hq-pdca-month");
    await page.click("#print-view");
    await page.waitForSelector("#pdca-report.print-view", { timeout: 20_000 });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await screenshot(page, "hq-pdca-print");
    await ctx.close();
  });

  it("head office's PDCA plan names the month's top categories in the reader's language, not by code", async () => {
    await expect
      .poll(async () => (await apiAs("hqSupervisor", `/hq/requests/${repair}`)).category, { timeout: 60_000 })
      .toBe("water-fixture");
    // This month's report, as the sweep writes it on the first days of next month.
    const month = reportingMonth(Date.now());
    const [y, m] = month.split("-").map(Number) as [number, number];
    const sweep = await fetch(`${base()}/api/v1/dev/sweep`, { method: "POST", headers: { "x-sweep-at": String(Date.UTC(y, m, 2)) } });
    expect(sweep.status).toBe(200);
    for (const [locale, name] of [
      ["zh-CN", "水暖配件维修"],
      ["en", "Water fixture parts"],
    ] as const) {
      const ctx = await browser.newContext({ viewport: DESK, locale });
      await ctx.addInitScript((l) => localStorage.setItem("locale", l), locale);
      const page = await signIn(ctx, `/hq/reports/${month}`, "hqSupervisor", null);
      const plan = page.locator('#pdca-report li[data-category="water-fixture"]');
      await plan.waitFor({ timeout: 20_000 });
      const text = (await plan.textContent())!;
      expect(text).toContain(name);
      expect(text).not.toContain("water-fixture");
      await screenshot(page, `hq-pdca-plan-${locale}`);
      await ctx.close();
    }
  });

  it("a region sees only its own branches, on screen and in the API", async () => {
    const ctx = await browser.newContext({ viewport: DESK, locale: "zh-CN" });
    const page = await signIn(ctx, "/hq", "regionSupervisor", null);
    await page.waitForSelector("#ranking tbody tr", { timeout: 30_000 });
    const mine = (await apiAs("regionSupervisor", "/hq/branches")).items.map((b: { branch: string }) => b.branch).sort();
    const all = (await apiAs("hqSupervisor", "/hq/branches")).items.map((b: { branch: string }) => b.branch);
    expect(mine.length).toBeLessThan(all.length);
    const shown = await page.locator("#ranking tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-branch")));
    expect(shown.sort()).toEqual(mine);
    const other = all.find((b: string) => !mine.includes(b))!;
    await page.goto(`${base()}/hq/b/${other}`);
    await page.waitForSelector(".error-box", { timeout: 20_000 });
    await screenshot(page, "region-overview");
    await ctx.close();
  });
});
