import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, clickNav, login } from "./console.ts";

// A property company sets itself up (issue 19), in Debian Chromium: the organization administrator invites a
// branch's manager, who sets a password from the link, imports a 200-unit spreadsheet with one bad row (the
// import waits until it is fixed), adds an agent and prints a QR poster; a resident opens the poster's link on a
// phone and submits a repair for that building; the agent takes it. Then the session journey (issue 17 item 9):
// a Ctrl-click opens a request signed in, a reload stays signed in, and logout ends the session in every tab.

const BRANCH = "hupan";
const desk = { viewport: { width: 1366, height: 768 }, locale: "zh-CN" } as const;
const phone = (n: number) => `137${String(Date.now() % 1e7).padStart(7, "0")}${n}`.slice(0, 11);

async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { "content-type": "application/json", ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A CSV as a manager would export it: 200 units in 10 buildings, owners with phones; `bad` spoils one line. */
function spreadsheet(bad: boolean): string {
  const lines = ["楼栋,单元,房号,面积,业主姓名,电话"];
  for (let i = 0; i < 200; i++) {
    const building = `${Math.floor(i / 20) + 1}号楼`;
    const unit = `${Math.floor((i % 20) / 2) + 1}0${(i % 2) + 1}`;
    lines.push(
      `${building},${(i % 2) + 1}单元,${unit},${(80 + (i % 40)).toFixed(1)},业主${i},136${String(55_000_000 + i).padStart(8, "0")}`,
    );
  }
  if (bad) lines[42] = "3号楼,1单元,,九十平米,坏行业主,12345";
  return `${lines.join("\n")}\n`;
}

async function setPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.fill("#new-password", password);
  await page.fill("#repeat-password", password);
  await page.click("#invite button[type=submit]");
}

describe("a property company sets itself up", () => {
  let browser: Browser;
  let managerCtx: BrowserContext;
  let agentCtx: BrowserContext;
  let manager: Page;
  let posterUrl = "";
  let requestCode = "";
  const dir = mkdtempSync(join(tmpdir(), "wuye-onboarding-"));

  beforeAll(async () => {
    browser = await launch();
    managerCtx = await browser.newContext(desk);
    agentCtx = await browser.newContext(desk);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the organization administrator invites the branch's manager, who sets a password from the link", async () => {
    const admin = login("orgAdmin", null);
    const { accessToken } = await api<{ accessToken: string }>("/auth/login", { body: { email: admin.email, password: admin.password } });
    const hupanManager = login("branchManager", BRANCH);
    const demo = await api<{ accessToken: string }>("/auth/login", {
      body: { email: hupanManager.email, password: hupanManager.password },
    });
    const hupanId = JSON.parse(Buffer.from(demo.accessToken.split(".")[1]!, "base64url").toString()).br as string;
    const invited = await api<{ invite: { link: string } }>("/admin/users", {
      token: accessToken,
      body: { name: "新项目经理 吴越", role: "branchManager", branchId: hupanId, phone: phone(1) },
    });
    expect(invited.invite.link).toContain("/invite/");

    manager = await managerCtx.newPage();
    await manager.goto(invited.invite.link);
    await screenshot(manager, "onboarding-invite");
    await manager.fill("#new-password", "short");
    await manager.fill("#repeat-password", "short");
    await manager.click("#invite button[type=submit]");
    await expect.poll(() => manager.locator("#invite .field.invalid").count()).toBeGreaterThan(0);
    await setPassword(manager, invited.invite.link, "Hu-Pan-Jing-Li-2026");
    await manager.waitForURL(/\/console$/, { timeout: 20_000 });
    await expect.poll(() => manager.locator("#whoami").textContent(), { timeout: 20_000 }).toContain("吴越");
  });

  it("imports a 200-unit spreadsheet: the bad row is reported by line and field, nothing goes in until it is fixed", async () => {
    await clickNav(manager, "/console/places");
    await manager.waitForSelector("#import-file");
    const badFile = join(dir, "units-bad.csv");
    writeFileSync(badFile, spreadsheet(true));
    await manager.setInputFiles("#import-file", badFile);
    await manager.waitForSelector("#import-errors li");
    const errors = await manager.locator("#import-errors li").allTextContents();
    expect(errors.join("\n")).toContain("第 43 行");
    expect(errors).toHaveLength(3);
    await screenshot(manager, "onboarding-import-errors");
    expect(await manager.locator("#import-run").count()).toBe(0);

    const goodFile = join(dir, "units.csv");
    writeFileSync(goodFile, spreadsheet(false));
    await manager.setInputFiles("#import-file", goodFile);
    await manager.waitForSelector("#import-run");
    await manager.click("#import-run");
    await expect.poll(() => manager.locator("#import-done").textContent(), { timeout: 30_000 }).toContain("200");
    await expect.poll(() => manager.locator('li[data-building="3号楼"]').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(manager, "onboarding-places");
  });

  it("adds an agent, who sets a password from the invite", async () => {
    await clickNav(manager, "/console/staff");
    await manager.fill("#staff-name", "客服 小周");
    await manager.selectOption("#staff-role", "agent");
    await manager.fill("#staff-phone", phone(2));
    await manager.click("#add-staff button[type=submit]");
    const link = await manager.locator("#invite-link").getAttribute("href", { timeout: 20_000 });
    expect(link).toContain("/invite/");
    await expect.poll(() => manager.locator("#staff-list").textContent()).toContain("小周");
    await screenshot(manager, "onboarding-staff");
    const agent = await agentCtx.newPage();
    await setPassword(agent, link!, "Xiao-Zhou-Kefu-88");
    await agent.waitForURL(/\/console$/, { timeout: 20_000 });
  });

  it("prints the QR poster of building 3", async () => {
    await manager.goto(`${base()}/console/places`);
    const link = manager.locator('li[data-building="3号楼"] a.poster-link');
    const href = await link.getAttribute("href");
    const poster = await managerCtx.newPage();
    await poster.goto(`${base()}${href}`);
    await poster.waitForSelector("#poster-qr");
    posterUrl = (await poster.locator("#poster").getAttribute("data-url"))!;
    expect(posterUrl).toMatch(new RegExp(`/b/${BRANCH}/qr/bld_`));
    await poster.emulateMedia({ media: "print" });
    await screenshot(poster, "onboarding-poster");
    const pdf = await poster.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await poster.close();
  });

  it("a resident opens the poster's link on a phone and reports a repair in that building", async () => {
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await phoneCtx.newPage();
    await page.goto(posterUrl);
    await page.waitForSelector("#area");
    expect(await page.inputValue("#area")).toBe("3号楼");
    await page.fill("#description", "3号楼1单元电梯按钮失灵,扫码报修");
    await page.fill("#contact-name", "扫码业主");
    await page.fill("#contact-phone", "13912345678");
    await screenshot(page, "onboarding-qr-form");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.click("form button[type=submit]");
    await page.waitForURL(/\/t\/[A-Z0-9-]+/, { timeout: 20_000 });
    requestCode = decodeURIComponent(new URL(page.url()).pathname.split("/t/")[1]!);
    await screenshot(page, "onboarding-qr-tracking");
    await phoneCtx.close();
  });

  it("the agent finds it in the register (channel: QR poster) and takes it", async () => {
    const agent = agentCtx.pages()[0]!;
    await agent.goto(`${base()}/console`);
    const row = agent.locator(`#register-table tr[data-code="${requestCode}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator("a").click();
    await agent.waitForSelector("#take", { timeout: 20_000 });
    expect(await agent.locator("#request").textContent()).toContain("扫码报修");
    await agent.click("#take");
    await expect.poll(() => agent.locator("#take").count(), { timeout: 20_000 }).toBe(0);
    await screenshot(agent, "onboarding-agent-took");
  });

  it("stays signed in across tabs and reloads; logout ends the session in every tab", async () => {
    const agent = agentCtx.pages()[0]!;
    await agent.goto(`${base()}/console`);
    const link = agent.locator(`#register-table tr[data-code="${requestCode}"] a`);
    await link.waitFor({ timeout: 30_000 });
    const [tab] = await Promise.all([agentCtx.waitForEvent("page"), link.click({ modifiers: ["Control"] })]);
    await tab.waitForSelector("#request", { timeout: 20_000 });
    expect(await tab.locator("#login-title").count()).toBe(0);
    await tab.reload();
    await tab.waitForSelector("#request", { timeout: 20_000 });
    await screenshot(tab, "onboarding-ctrl-click");
    const cookies = await agentCtx.cookies();
    const refresh = cookies.find((c) => c.name === "wuye_refresh");
    expect(refresh).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/api/v1/auth" });
    expect(await tab.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain("eyJ");

    await agent.click("#logout");
    await tab.waitForSelector("#login-title", { timeout: 20_000 });
    await tab.reload();
    await tab.waitForSelector("#login-title", { timeout: 20_000 });
  });
});
