import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, login, signIn, step } from "./console.ts";
import { photoPng } from "./fixtures.ts";
import { drawSignature } from "./signature.ts";

// The web front end's journeys through wrangler dev, the queues and the consumers, in Debian Chromium:
// a resident's urgent repair with a photo, the language guard blocking an agent, the repair's whole workflow
// across four people (agent, technician, resident, head office), and the head-office dashboard.
interface Compliance {
  milestone: string;
  metOnTime: number;
  metLate: number;
}
async function hqCompliance(): Promise<Compliance[]> {
  const hq = login("hqSupervisor", null);
  const auth = (await (
    await fetch(`${base()}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: hq.email, password: hq.password }),
    })
  ).json()) as { accessToken: string };
  const res = await fetch(`${base()}/api/v1/hq/branches/yangguang`, { headers: { authorization: `Bearer ${auth.accessToken}` } });
  return ((await res.json()) as { compliance: Compliance[] }).compliance;
}
const metOf = (rows: Compliance[], name: string) => rows.find((r) => r.milestone === name)?.metOnTime ?? 0;

describe("the web front end in a real browser", () => {
  let browser: Browser;
  let resident: BrowserContext;
  let trackingCode = "";
  let requestId = "";
  let before: Compliance[] = [];

  beforeAll(async () => {
    browser = await launch();
    resident = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
    });
    before = await hqCompliance();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a resident submits an urgent repair with a photo and tracks it", async () => {
    const page = await resident.newPage();
    await page.goto(`${base()}/b/yangguang`);
    await expect.poll(() => page.locator("#commitments li").count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await screenshot(page, "portal-home");

    await page.click('a[data-kind="repair"]');
    await page.selectOption("#category", "water-outage");
    // The promise is shown before submitting: urgent repairs on site within 2 h, repaired within 24 h.
    await expect.poll(() => page.locator('#promise li[data-milestone="onSite"]').textContent()).toContain("2");
    await page.fill("#description", "厨房水管爆裂,水一直在流");
    const unit = await page.locator("#unit option").nth(1).getAttribute("value");
    await page.selectOption("#unit", unit!);
    await page.fill("#contact-name", "王女士");
    await page.fill("#contact-phone", "13800138000");
    const photo = photoPng();
    await page.setInputFiles("#photos", { name: "burst-pipe.png", mimeType: "image/png", buffer: photo });
    await page.waitForSelector('.photos li[data-state="done"]', { timeout: 30_000 });
    // Compressed in the browser before the upload: a 2400×1800 PNG of ~3.9 MB goes up as a JPEG well under 1 MB.
    const kb = Number(/(\d+)\s*KB/.exec((await page.locator(".photos li").first().textContent()) ?? "")?.[1]);
    expect(kb * 1024).toBeLessThan(photo.length / 4);
    await screenshot(page, "portal-request-form");

    await page.click("form.request-form button[type=submit]");
    await page.waitForSelector("#tracking", { timeout: 20_000 });
    trackingCode = (await page.locator("#tracking-code").textContent())!.trim();
    expect(trackingCode).toMatch(/^YGHY-/);
    await expect.poll(() => page.locator('#milestones li[data-milestone="onSite"]').count()).toBe(1);
    expect(await page.locator('#milestones li[data-milestone="repaired"]').count()).toBe(1);
    await screenshot(page, "portal-tracking");
  });

  it("an agent is blocked by the language guard", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await signIn(ctx, "/console", "agent");
    await page.waitForSelector(`#register-table tr[data-code="${trackingCode}"]`, { timeout: 20_000 });
    await screenshot(page, "console-register");
    // Shortcuts for agents on the phone: "/" searches the register, "n" opens a new request.
    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("search");
    await page.keyboard.press("Escape");
    await page.keyboard.press("n");
    await page.waitForSelector("#new-request", { timeout: 10_000 });
    await page.goBack();
    await page.waitForSelector(`#register-table tr[data-code="${trackingCode}"]`, { timeout: 20_000 });
    await page.click(`#register-table tr[data-code="${trackingCode}"] a`);
    await page.waitForSelector("#request", { timeout: 20_000 });
    requestId = new URL(page.url()).pathname.split("/").at(-1)!;

    await page.fill("#reply-text", "这个我不知道,不是我管的");
    // Live hints while typing, each with the polite form to use instead.
    await expect.poll(() => page.locator("#reply-hints .hits li").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('#reply-hints li[data-phrase="不知道"]').count()).toBe(1);
    await page.click("#reply-send");
    await expect.poll(() => page.locator("#reply .error-box").textContent(), { timeout: 10_000 }).toContain("不宜");
    await screenshot(page, "console-language-guard");
    // Nothing reached the resident.
    const view = (await (await fetch(`${base()}/api/v1/public/requests/${trackingCode}`)).json()) as { timeline: Array<{ type: string }> };
    expect(view.timeline.some((e) => e.type === "reply.sent")).toBe(false);

    // A polite reply passes the live check and goes out.
    await page.fill("#reply-text", "对不起,维修人员已在路上,请您留下联系方式,我会给您回复");
    await page.waitForSelector("#reply-hints .guard-ok", { timeout: 10_000 });
    await page.click("#reply-send");
    await expect.poll(() => page.locator("#reply [role=status]").count(), { timeout: 10_000 }).toBe(1);
    await ctx.close();
  });

  it("agent dispatches, technician quotes, the resident accepts in the portal, the work is completed and rated", async () => {
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    // The agent dispatches from the board: the technician is picked by skill and load.
    const agent = await signIn(agentCtx, "/console/dispatch", "agent");
    const waiting = agent.locator(`form[data-dispatch="${trackingCode}"]`);
    await waiting.waitFor({ timeout: 20_000 });
    await screenshot(agent, "console-dispatch-board");
    await waiting.locator("select").nth(1).selectOption("tap-replace");
    await waiting.locator("button[type=submit]").click();
    await agent.waitForSelector(`#dispatch-board section[data-technician] li[data-code="${trackingCode}"]`, { timeout: 20_000 });
    await screenshot(agent, "console-dispatch-board-after");

    const techCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const tech = await signIn(techCtx, `/console/r/${requestId}`, "technician");
    await tech.waitForSelector("#request", { timeout: 20_000 });
    await step(tech, "arrive", async () => undefined, "onSite");
    await step(
      tech,
      "quote",
      async (form) => {
        expect(await form.locator("select[data-line='0']").inputValue()).toBe("tap-replace");
      },
      "quoted",
    );
    await screenshot(tech, "console-request-quoted");

    const portal = await resident.newPage();
    await portal.goto(`${base()}/b/yangguang/t/${trackingCode}`);
    await portal.waitForSelector('#resident-actions button[data-action="accept-quote"]', { timeout: 20_000 });
    expect(await portal.locator("#quote-total").textContent()).toBe("¥30.00");
    await screenshot(portal, "portal-quote");
    await portal.click('#resident-actions button[data-action="accept-quote"]');
    await portal.click('form[data-step="accept-quote"] button[type=submit]');
    await expect.poll(() => portal.locator("#tracking").getAttribute("data-status"), { timeout: 20_000 }).toBe("inProgress");

    await tech.reload();
    await step(
      tech,
      "complete-work",
      async (form) => {
        await form.locator("#step-workDone").fill("更换厨房水龙头,试水正常");
      },
      "awaitingAcceptance",
    );

    // The tracking page refreshes by itself: the confirmation appears without a reload.
    await portal.waitForSelector('#resident-actions button[data-action="confirm-completion"]', { timeout: 20_000 });
    await portal.click('#resident-actions button[data-action="confirm-completion"]');
    await drawSignature(portal);
    await portal.fill("#step-signature", "王女士");
    await portal.click('form[data-step="confirm-completion"] button[type=submit]');
    await expect.poll(() => portal.locator("#tracking").getAttribute("data-status"), { timeout: 20_000 }).toBe("awaitingPayment");

    // Paid at the service center; the resident's rating is then the follow-up (回访) that closes the order.
    await agent.goto(`${base()}/console/r/${requestId}`);
    await agent.waitForSelector("#request", { timeout: 20_000 });
    await step(
      agent,
      "record-payment",
      async (form) => {
        await form.locator("#step-receiptNo").fill("R-E2E-1");
      },
      "completed",
    );
    await portal.waitForSelector("#rating form", { timeout: 20_000 });
    await portal.locator("#rating .stars label").nth(4).click();
    await portal.locator("#rating .choice label").first().click();
    await portal.fill("#rating-comment", "师傅很专业");
    await portal.click("#rating button[type=submit]");
    await expect.poll(() => portal.locator("#rating [role=status]").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => portal.locator("#tracking").getAttribute("data-status"), { timeout: 20_000 }).toBe("closed");
    expect(await portal.locator('#milestones [data-milestone="followUp"]').getAttribute("data-status")).toBe("met");
    await screenshot(portal, "portal-completed-rated");
    await agentCtx.close();
    await techCtx.close();
  });

  it("a head-office user sees the dashboard and the branch's compliance change", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await signIn(ctx, "/hq", "hqSupervisor", null);
    await page.waitForSelector("#ranking table", { timeout: 20_000 });
    expect(await page.locator('#ranking tr[data-branch="yangguang"]').count()).toBe(1);
    // The on-site and repaired milestones met on time reach the supervision facts through the queue.
    await expect
      .poll(async () => metOf(await hqCompliance(), "onSite"), { timeout: 60_000, interval: 1000 })
      .toBeGreaterThan(metOf(before, "onSite"));
    await page.reload();
    await page.waitForSelector('#compliance tr[data-milestone="onSite"]', { timeout: 20_000 });
    await screenshot(page, "hq-dashboard");

    await page.click('#ranking tr[data-branch="yangguang"] a');
    await page.waitForSelector('#branch-drill #compliance tr[data-milestone="onSite"]', { timeout: 20_000 });
    const onTime = Number(await page.locator('#branch-drill #compliance tr[data-milestone="onSite"] td').nth(1).textContent());
    expect(onTime).toBeGreaterThan(metOf(before, "onSite"));
    await screenshot(page, "hq-branch");
    await ctx.close();
  });
});
