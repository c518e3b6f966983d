import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, signIn } from "./console.ts";

// The organization administrator (集团系统管理员) at a desk PC: creates a branch, whose database is made on
// the spot, suspends and resumes it, and the new branch's portal opens on a resident's phone.
describe("the organization administrator in /admin", () => {
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  const slug = `lakeside-${Date.now().toString(36).slice(-4)}`;

  beforeAll(async () => {
    browser = await launch();
    desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "zh-CN" });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("creates a branch, suspends and resumes it, and its portal opens", async () => {
    const page = await signIn(desk, "/admin", "orgAdmin", null);
    await expect.poll(() => page.locator("#branch-table tbody tr").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    expect(page.url()).toContain("/admin/branches");
    await expect.poll(() => page.locator('#regions li[data-region="华东片区"]').textContent()).toContain("2");
    await screenshot(page, "admin-branches");

    await page.click("#new-branch");
    // Nothing filled: the schema's own rules name each field before anything is sent.
    await page.click("#branch-form button[type=submit]");
    await expect.poll(() => page.locator("#branch-form .field.invalid").count()).toBeGreaterThanOrEqual(6);
    await page.fill("#branch-slug", slug);
    await page.fill("#branch-name", "湖滨苑管理处");
    await page.fill("#branch-nameEn", "Lakeside Court");
    await page.fill("#branch-trackingPrefix", `L${slug.slice(-4).toUpperCase()}`);
    await page.fill("#branch-servicePhone", "400-820-6688");
    await page.fill("#branch-complaintPhone", "021-55556688");
    await page.selectOption("#branch-regionId", { label: "华东片区" });
    await screenshot(page, "admin-create-branch");
    await page.click("#branch-form button[type=submit]");

    await expect.poll(() => page.locator("#admin-message").textContent(), { timeout: 30_000 }).toContain(`/b/${slug}`);
    const row = page.locator(`#branch-table tr[data-branch="${slug}"]`);
    await expect.poll(() => row.textContent()).toContain("正常");
    await expect.poll(() => page.locator("#branch-panel h2").textContent()).toContain(slug);
    await screenshot(page, "admin-branch-created");

    await page.click("#suspend");
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("已暂停");
    const resident = await phone.newPage();
    await resident.goto(`${base()}/b/${slug}`);
    await expect.poll(() => resident.locator("#branch-suspended").textContent(), { timeout: 20_000 }).toContain("暂停服务");
    await screenshot(resident, "portal-branch-suspended");
    await screenshot(page, "admin-branch-suspended");

    await page.click("#resume");
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("正常");
    await resident.reload();
    await expect.poll(() => resident.locator('#kinds a[data-kind="repair"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await resident.locator("#branch-suspended").count()).toBe(0);
    expect(await resident.locator(".topbar h1").textContent()).toContain("湖滨苑管理处");
    await screenshot(resident, "portal-new-branch");

    await page.click("#lang");
    await expect.poll(() => page.locator("#branches h2").textContent()).toBe("Branches");
    await screenshot(page, "admin-branches-en");
  });
});
