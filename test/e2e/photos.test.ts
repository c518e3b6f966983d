import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, session } from "./api.ts";
import { launch, screenshot } from "./browser.ts";
import { base, signIn, step } from "./console.ts";
import { photoPng } from "./fixtures.ts";
import { drawSignature } from "./signature.ts";

// A resident's photo is seen by the agent and by the technician, and by nobody else (404); the technician, on a
// 390 px phone, arrives with a photo and completes with one; the resident signs on a 390 px phone by drawing, and
// the signature is on the work order.

const PHONE_VIEW = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" };
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Every <img> in `selector` has loaded real pixels. */
const loaded = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0));

describe("photos and the drawn signature", () => {
  let browser: Browser;
  let residentCtx: BrowserContext;
  let code = "";
  let requestId = "";
  let photoUrl = "";

  beforeAll(async () => {
    browser = await launch();
    residentCtx = await browser.newContext(PHONE_VIEW);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the resident submits a repair with a photo and sees it on the tracking page", async () => {
    const page = await residentCtx.newPage();
    await page.goto(`${base()}/b/yangguang/new/repair`);
    await page.waitForSelector("#category", { timeout: 20_000 });
    await page.selectOption("#category", "water-fixture");
    await page.fill("#description", "卫生间水龙头一直滴水,见照片");
    await page.selectOption("#unit", (await page.locator("#unit option").nth(3).getAttribute("value"))!);
    await page.fill("#contact-name", "陈女士");
    await page.fill("#contact-phone", "13700137001");
    await page.setInputFiles("#photos", { name: "tap.png", mimeType: "image/png", buffer: photoPng(800, 600) });
    await page.waitForSelector('.photos li[data-state="done"]', { timeout: 30_000 });
    await page.click("form.request-form button[type=submit]");
    await page.waitForSelector("#tracking", { timeout: 20_000 });
    code = (await page.locator("#tracking-code").textContent())!.trim();
    await page.waitForSelector("#tracking-photos .thumb img", { timeout: 20_000 });
    await expect.poll(() => loaded(page, "#tracking-photos .thumb img"), { timeout: 20_000 }).toBe(true);
    await page.click("#tracking-photos .thumb");
    await expect.poll(() => loaded(page, ".photo-full img")).toBe(true);
    await screenshot(page, "photos-resident-full-size");
    await page.click(".photo-full button");
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, "photos-resident-tracking");
  });

  it("the agent sees it on the request page; an outsider gets 404 for its URL", async () => {
    const agent = await session("agent");
    const found = await api("GET", `/api/v1/console/requests?q=${encodeURIComponent(code)}`, { token: agent.token });
    requestId = found.body.items[0].id;
    const detail = await api("GET", `/api/v1/console/requests/${requestId}`, { token: agent.token });
    expect(detail.body.attachments).toHaveLength(1);
    photoUrl = detail.body.attachments[0].url;
    expect(detail.body.attachments[0].contentType).toBe("image/jpeg");

    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    const page = await signIn(ctx, `/console/r/${requestId}`, "agent");
    await page.waitForSelector("#photos .thumb img", { timeout: 20_000 });
    await expect.poll(() => loaded(page, "#photos .thumb img"), { timeout: 20_000 }).toBe(true);
    await screenshot(page, "photos-agent-request-page");

    const asStaff = await fetch(`${base()}${photoUrl}`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(asStaff.status).toBe(200);
    expect(asStaff.headers.get("x-content-type-options")).toBe("nosniff");
    const outsider = await fetch(`${base()}${photoUrl}`);
    expect(outsider.status).toBe(404);
    const otherBranch = await session("agent", "binjiang");
    expect((await fetch(`${base()}${photoUrl}`, { headers: { authorization: `Bearer ${otherBranch.token}` } })).status).toBe(404);
    const attachmentId = photoUrl.split("/").at(-1)!;
    const wrongCode = `${code.slice(0, -1)}${code.endsWith("2") ? "3" : "2"}`;
    expect((await fetch(`${base()}/api/v1/public/requests/${wrongCode}/attachments/${attachmentId}`)).status).toBe(404);
    await ctx.close();
  });

  it("the technician, on a phone, sees it, arrives with a photo and completes with a photo", async () => {
    const tech = await session("technician");
    const agentCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    const agent = await signIn(agentCtx, `/console/r/${requestId}`, "agent");
    await agent.waitForSelector("#request", { timeout: 20_000 });
    await step(
      agent,
      "dispatch",
      async (form) => {
        await form.locator("#step-technicianId").selectOption(tech.staffId);
        await form.locator("#step-itemCode").selectOption({ index: 1 });
      },
      "dispatched",
    );
    await agentCtx.close();

    const ctx = await browser.newContext(PHONE_VIEW);
    const page = await signIn(ctx, `/console/r/${requestId}`, "technician");
    await page.waitForSelector("#photos .thumb img", { timeout: 20_000 });
    await expect.poll(() => loaded(page, "#photos .thumb img"), { timeout: 20_000 }).toBe(true);
    await screenshot(page, "photos-technician-sees-resident-photo");
    await step(
      page,
      "arrive",
      async (form) => {
        await form.locator("#step-photos").setInputFiles({ name: "before.png", mimeType: "image/png", buffer: photoPng(640, 480) });
        await page.waitForSelector('form[data-step="arrive"] .photos li[data-state="done"]', { timeout: 30_000 });
      },
      "onSite",
    );
    await step(page, "quote", async () => undefined, "quoted");
    await step(page, "accept-quote", async () => undefined, "inProgress");
    await step(
      page,
      "complete-work",
      async (form) => {
        await form.locator("#step-workDone").fill("更换水龙头阀芯,试水不再滴漏");
        await form.locator("#step-photos").setInputFiles({ name: "after.png", mimeType: "image/png", buffer: photoPng(640, 480) });
        await page.waitForSelector('form[data-step="complete-work"] .photos li[data-state="done"]', { timeout: 30_000 });
      },
      "awaitingAcceptance",
    );
    await expect.poll(() => page.locator("#photos .thumb img").count(), { timeout: 20_000 }).toBe(3);
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, "photos-technician-before-after");
    await ctx.close();
  });

  it("the resident signs on a 390 px phone by drawing, and the signature is on the work order", async () => {
    const page = await residentCtx.newPage();
    await page.goto(`${base()}/b/yangguang/t/${code}`);
    await page.waitForSelector('#resident-actions button[data-action="confirm-completion"]', { timeout: 20_000 });
    await page.click('#resident-actions button[data-action="confirm-completion"]');
    // Without a drawing the sign-off is refused in the form.
    await page.fill("#step-signature", "陈女士");
    await page.click('form[data-step="confirm-completion"] button[type=submit]');
    await page.waitForSelector("#signature-error", { timeout: 10_000 });
    await drawSignature(page);
    expect(await page.locator("#signature-pad").getAttribute("data-empty")).toBe("false");
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, "signature-resident-phone");
    await page.click('form[data-step="confirm-completion"] button[type=submit]');
    await expect
      .poll(() => page.locator("#tracking").getAttribute("data-status"), { timeout: 20_000 })
      .toMatch(/awaitingPayment|completed/);
    await page.waitForSelector("#tracking-photos .thumb img", { timeout: 20_000 });
    await screenshot(page, "signature-resident-done");

    const agent = await session("agent");
    const detail = await api("GET", `/api/v1/console/requests/${requestId}`, { token: agent.token });
    const purposes = detail.body.attachments.map((a: { purpose: string; step: string | null }) => `${a.purpose}:${a.step ?? "intake"}`);
    expect(purposes).toEqual(["photo:intake", "photo:arrive", "photo:complete-work", "signature:confirm-completion"]);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    const desk = await signIn(ctx, `/console/r/${requestId}`, "agent");
    await desk.waitForSelector("#photos .thumb img", { timeout: 20_000 });
    await expect.poll(() => desk.locator("#photos .thumb img").count(), { timeout: 20_000 }).toBe(4);
    await expect.poll(() => loaded(desk, "#photos .thumb img"), { timeout: 20_000 }).toBe(true);
    await screenshot(desk, "signature-on-work-order");
    await ctx.close();
  });
});
