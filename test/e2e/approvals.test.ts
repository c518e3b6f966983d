import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, session } from "./api.ts";
import { launch, screenshot } from "./browser.ts";
import { base, signIn } from "./console.ts";
import { photoPng } from "./fixtures.ts";

// Approvals show what is approved: a notice as residents will see it; a non-standard repair's item, description
// and photos before the engineering supervisor decides. (The written reply's draft: complaint.test.ts.)

describe("approvals with what is approved on screen", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the supervisor sees a pending notice as residents will see it", async () => {
    const agent = await session("agent");
    const title = `停水通知 ${Date.now() % 100_000}`;
    const drafted = await api("POST", "/api/v1/console/notices", {
      token: agent.token,
      body: { title, body: "因管道检修,本周六 9:00–12:00 二期停水,请提前储水。", category: "services" },
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const submitted = await api("POST", `/api/v1/console/notices/${drafted.body.id}/submit`, {
      token: agent.token,
      body: {},
      headers: { "if-match": `"${drafted.body.version}"` },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    const page = await signIn(ctx, "/console/notices", "serviceSupervisor");
    const preview = page.locator(`details[data-notice="${drafted.body.id}"] .resident-preview`);
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.locator("summary").textContent()).toContain(title);
    // With the branch's phones appended, as every notice to residents carries them.
    expect(await preview.locator(".pre").textContent()).toContain("二期停水");
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, "approve-notice-as-residents-see-it");
    await ctx.close();
  });

  it("the engineering supervisor reviews a non-standard repair with its item, description and photos", async () => {
    const up = await fetch(`${base()}/api/v1/public/branches/yangguang/attachments`, {
      method: "POST",
      headers: { "content-type": "image/png", "cf-connecting-ip": "10.88.0.1" },
      body: new Uint8Array(photoPng(640, 480)),
    });
    const photo = (await up.json()) as { id: string };
    const made = await api("POST", "/api/v1/public/branches/yangguang/requests", {
      headers: { "cf-connecting-ip": "10.88.0.2" },
      body: {
        kind: "repair",
        description: "想在阳台加装不锈钢晾衣架,照片是阳台现状",
        contact: { name: "钱业主", phone: "13611112299" },
        location: { area: "5栋 1201 阳台" },
        attachmentIds: [photo.id],
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const agent = await session("agent");
    const referred = await api("POST", `/api/v1/console/requests/${made.body.id}/actions/refer-for-review`, {
      token: agent.token,
      body: { item: "阳台加装不锈钢晾衣架" },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    const page = await signIn(ctx, `/console/r/${made.body.id}`, "engineeringSupervisor");
    await page.locator('#step-buttons button[data-action="review"]').click({ timeout: 20_000 });
    const context = page.locator('form[data-step="review"] #approval-context');
    expect(await context.locator("#review-item").textContent()).toBe("阳台加装不锈钢晾衣架");
    expect(await context.textContent()).toContain("照片是阳台现状");
    await context.locator(".thumb img").waitFor({ timeout: 20_000 });
    await expect
      .poll(() => context.locator(".thumb img").evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await context.scrollIntoViewIfNeeded();
    await screenshot(page, "review-non-standard-with-photos");
    await ctx.close();
  });
});
