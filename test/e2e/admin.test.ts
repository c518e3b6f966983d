import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, session } from "./api.ts";
import { launch, screenshot } from "./browser.ts";
import { base, signIn } from "./console.ts";

// The organization administrator (集团系统管理员) at a desk PC: creates a branch, whose database is made on
// the spot, suspends and resumes it, and the new branch's portal opens on a resident's phone. Then head-office
// and region users: a region supervisor is added and invited, sets a password from the link and sees only the
// region's branches; deactivated, their very next request is refused. A branch manager cannot open the screen.
describe("the organization administrator in /admin", () => {
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  const slug = `lakeside-${Date.now().toString(36).slice(-4)}`;
  const stamp = String(Date.now()).slice(-8);

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

  it("adds a region user who sets a password from the invite, sees the region, and is shut out when deactivated", async () => {
    const adminCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "zh-CN" });
    await adminCtx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base() });
    const page = await signIn(adminCtx, "/admin/users", "orgAdmin", null);
    const list = page.locator("#user-list");
    await expect.poll(() => list.textContent(), { timeout: 30_000 }).toContain("总部督导");
    expect(await list.textContent()).toContain("华东片区");
    expect(await page.locator('#user-list tr:has-text("admin@demo.example") .row-actions').textContent()).toBe("本人");
    await screenshot(page, "admin-users");

    // Nothing filled, then a region user without a region: each field says what it needs before anything is sent.
    const invalid = (field: string) => page.locator(`#add-user .field.invalid:has(#user-${field})`);
    await page.click("#add-user button[type=submit]");
    await expect.poll(() => invalid("name").count()).toBe(1);
    expect(await invalid("phone").textContent()).toContain("手机号或邮箱至少填一项");
    await page.selectOption("#user-role", "regionSupervisor");
    await page.click("#add-user button[type=submit]");
    await expect.poll(() => invalid("region").count()).toBe(1);
    // A login name another member has: the server names the field.
    const name = `片区督导 钱塘${stamp.slice(-3)}`;
    const phone = `139${stamp}`;
    await page.fill("#user-name", name);
    await page.fill("#user-phone", phone);
    await page.fill("#user-email", "hq@demo.example");
    await page.selectOption("#user-region", { label: "华东片区" });
    await page.click("#add-user button[type=submit]");
    await expect.poll(() => invalid("email").textContent(), { timeout: 20_000 }).toContain("重复");
    expect(await page.locator(`#user-list tr[data-name="${name}"]`).count()).toBe(0);
    await screenshot(page, "admin-user-errors");

    await page.fill("#user-email", `qiantang-${stamp}@demo.example`);
    await page.click("#add-user button[type=submit]");
    const firstLink = await page.locator("#invite-link").getAttribute("href", { timeout: 20_000 });
    expect(firstLink).toContain("/invite/");
    expect(await page.locator("#link-notice").textContent()).toContain("不收短信");
    const row = page.locator(`#user-list tr[data-name="${name}"]`);
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("待设置密码");
    expect(await row.textContent()).toContain("片区督导");
    expect(await row.textContent()).toContain("华东片区");
    expect(await page.locator("#user-name").inputValue()).toBe("");

    // Sending the invite again makes a new link; the first stops working.
    await row.locator('button[data-action="invite"]').click();
    await expect.poll(() => page.locator("#invite-link").getAttribute("href"), { timeout: 20_000 }).not.toBe(firstLink);
    const link = (await page.locator("#invite-link").getAttribute("href"))!;
    await page.click("#copy-link");
    await expect.poll(() => page.locator("#copy-link").textContent()).toBe("已复制");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await screenshot(page, "admin-user-invited");

    const regionCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "zh-CN" });
    const region = await regionCtx.newPage();
    const password = `Qian-Tang-${stamp}`;
    const setPassword = async (url: string) => {
      await region.goto(url);
      await region.fill("#new-password", password);
      await region.fill("#repeat-password", password);
      await region.click("#invite button[type=submit]");
    };
    await setPassword(firstLink!);
    await expect.poll(() => region.locator("#invite .error-box").count(), { timeout: 20_000 }).toBe(1);
    await setPassword(link);
    await region.waitForURL(/\/hq/, { timeout: 20_000 });

    // Signed out, then in again by phone with the new password: head office shows the region's branches only.
    await region.click('button.ghost:has-text("退出")');
    await region.fill("#email", phone);
    await region.fill("#password", password);
    await region.click("button[type=submit]");
    const ranking = region.locator("#ranking");
    await expect.poll(() => ranking.locator('tr[data-branch="yangguang"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await ranking.locator('tr[data-branch="binjiang"]').count()).toBe(1);
    expect(await ranking.locator('tr[data-branch="hupan"]').count()).toBe(0);
    expect(await region.locator(".topbar").textContent()).toContain(`${name} · 片区督导`);
    await screenshot(region, "hq-region-user");
    await page.reload();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("在职");

    // Deactivated: asked once more, then the user's very next request is refused and the sign-in form returns.
    await row.locator('button[data-action="deactivate"]').click();
    await expect.poll(() => page.locator("#confirm").textContent()).toContain(name);
    await screenshot(page, "admin-user-confirm");
    await page.click("#confirm-yes");
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("已停用");
    const refused = region.waitForResponse((r) => r.url().includes("/api/v1/hq/") && r.status() === 401, { timeout: 20_000 });
    await region.click('button[data-days="7"]');
    await refused;
    await region.waitForSelector("#password", { timeout: 20_000 });
    await region.fill("#email", phone);
    await region.fill("#password", password);
    await region.click("button[type=submit]");
    await expect.poll(() => region.locator(".login .error").textContent(), { timeout: 20_000 }).toContain("密码不正确");
    await screenshot(region, "hq-region-user-deactivated");

    // Reactivated (asked again), then a password reset: a new one-time link to hand over.
    await row.locator('button[data-action="reactivate"]').click();
    await page.click("#confirm-yes");
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).not.toContain("已停用");
    await row.locator('button[data-action="reset"]').click();
    await expect.poll(() => page.locator("#invite-link").getAttribute("href"), { timeout: 20_000 }).not.toBe(link);
    await screenshot(page, "admin-user-reset");

    await page.click("#lang");
    await expect.poll(() => page.locator("#users h2").textContent()).toBe("Head-office and region users");
    expect(await row.textContent()).toContain("Region supervisor");
    await screenshot(page, "admin-users-en");
    await Promise.all([regionCtx.close(), adminCtx.close()]);
  });

  it("refuses the head-office and region users to a branch manager, on the screen and at the API", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: "zh-CN" });
    const page = await signIn(ctx, "/admin/users", "branchManager");
    await expect.poll(() => page.locator("#admin .error-box").textContent(), { timeout: 20_000 }).toContain("仅供集团系统管理员");
    expect(await page.locator("#user-list").count()).toBe(0);
    await screenshot(page, "admin-users-wrong-role");
    const { token } = await session("branchManager");
    expect((await api("GET", "/api/v1/admin/users", { token })).status).toBe(403);
    expect(
      (await api("POST", "/api/v1/admin/users", { token, body: { name: "x", role: "hqSupervisor", phone: "13900000000" } })).status,
    ).toBe(403);
    await ctx.close();
  });
});
