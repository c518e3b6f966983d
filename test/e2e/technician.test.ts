import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, login, signIn, step } from "./console.ts";

// The technician's day on a 390 px phone, and a caller's tracking link by SMS. In 湖畔 (hupan), with quiet hours
// off, so the SMS goes whatever hour the run is (quiet hours have their own journey: quiet-hours.test.ts).
const BRANCH = "hupan";
const PHONE = { width: 390, height: 844 };

async function tokenOf(role: string, nth = 0) {
  const who = login(role, BRANCH, nth);
  const res = await fetch(`${base()}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}
const subjectOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).sub as string;

async function api(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as any };
}

/** Nothing on the page scrolls sideways at 390 px. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `scrollWidth on ${page.url()}`).toBeLessThanOrEqual(PHONE.width);
}

describe("the technician's phone, and the caller's tracking link", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const phone = async () => {
    const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" });
    contexts.push(ctx);
    return ctx;
  };
  let request: { id: string; trackingCode: string };
  const caller = `139${String(Date.now()).slice(-8)}`;

  beforeAll(async () => {
    browser = await launch();
    const supervisor = await tokenOf("serviceSupervisor");
    const settings = await api(supervisor, "GET", "/console/settings");
    const patched = await api(
      supervisor,
      "PATCH",
      "/console/settings",
      { notifications: { quietHours: { from: "00:00", to: "00:00" } } },
      { "if-match": settings.headers.get("etag")! },
    );
    expect(patched.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a request taken by phone sends the caller its tracking link by SMS, and the link opens the tracking page", async () => {
    const created = await api(await tokenOf("agent"), "POST", "/console/requests", {
      channel: "phone",
      kind: "repair",
      category: "door-window",
      description: "卧室门锁坏了,门关不上,家里有老人",
      contact: { name: "来电的王阿姨", phone: caller },
      location: { area: "6栋" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    request = created.body;
    let sms = "";
    await expect
      .poll(
        async () => {
          const outbox = (await (await fetch(`${base()}/api/v1/dev/outbox?branch=${BRANCH}`)).json()) as {
            items: Array<{ channel: string; recipient: string; body: string }>;
          };
          sms = outbox.items.find((i) => i.channel === "sms" && i.recipient === caller && i.body.includes("http"))?.body ?? "";
          return sms;
        },
        { timeout: 40_000, interval: 500 },
      )
      .toContain(request.trackingCode);
    const link = /https?:\/\/\S+/.exec(sms)![0];
    expect(new URL(link).pathname).toBe(`/b/${BRANCH}/t/${request.trackingCode}`);
    const page = await (await phone()).newPage();
    await page.goto(link);
    await expect.poll(() => page.locator("#tracking-code").textContent(), { timeout: 20_000 }).toBe(request.trackingCode);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "sms-link-tracking");
  });

  it("a technician lands on my jobs, opens the dispatched job from the inbox, arrives, quotes and completes it", async () => {
    const techToken = await tokenOf("technician");
    const technicianId = subjectOf(techToken);
    const from = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 5 * 3_600_000).toISOString();
    const dispatched = await api(await tokenOf("engineeringSupervisor"), "POST", `/console/requests/${request.id}/actions/dispatch`, {
      technicianId,
      itemCode: "door-lock",
      appointment: { from, to },
      keyLeft: true,
    });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);

    const page = await signIn(await phone(), "/console", "technician", BRANCH);
    const card = page.locator(`#my-jobs li.job[data-code="${request.trackingCode}"]`);
    await card.waitFor({ timeout: 20_000 });
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("6栋");
    expect(text).toContain("门窗维修");
    expect(text).toContain("卧室门锁坏了");
    expect(text).toContain("已留钥匙");
    expect(text).toContain(caller);
    expect(await card.locator("a.job-phone").getAttribute("href")).toBe(`tel:${caller}`);
    await expectNoSidewaysScroll(page);
    // The header is one short line, not a third of the screen.
    const header = await page.locator("header.topbar").boundingBox();
    expect(header!.height).toBeLessThan(PHONE.height / 8);
    await screenshot(page, "technician-my-jobs");

    // The dispatch notice in the inbox leads to the job, and opening it marks it read.
    await page.click("#nav-inbox");
    const notice = page.locator(`#inbox-items li[data-subject="request"] a[href="/console/r/${request.id}"]`).first();
    await notice.waitFor({ timeout: 40_000 });
    const unread = Number(await page.locator("#inbox-unread").getAttribute("data-unread"));
    expect(unread).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "technician-inbox");
    await notice.click();
    await page.waitForSelector("#request", { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe(`/console/r/${request.id}`);
    expect(await page.locator("#dispatched-to").textContent()).toContain("已派给");
    await expectNoSidewaysScroll(page);
    await screenshot(page, "technician-job");

    await step(page, "arrive", async () => {}, "onSite");
    await expectNoSidewaysScroll(page);
    await step(page, "quote", async () => {}, "quoted"); // the order's item, once
    await step(page, "accept-quote", async () => {}, "inProgress"); // the resident agrees on site
    await step(
      page,
      "complete-work",
      async (form) => {
        await form.locator("textarea").first().fill("更换门锁一把,试开正常");
      },
      "awaitingAcceptance",
    );
    await expectNoSidewaysScroll(page);
    await screenshot(page, "technician-job-completed");

    // The notice was marked read when it was opened.
    const inbox = await api(techToken, "GET", "/console/inbox");
    const item = inbox.body.items.find((i: { subject: { id: string } | null }) => i.subject?.id === request.id);
    expect(item.read).toBe(true);
    expect(inbox.body.unread).toBeLessThan(unread);

    // What the api keeps from a technician: the register.
    expect((await api(techToken, "GET", "/console/requests")).status).toBe(403);
  });

  it("an urgent order sits at the top of the dispatch board, with what and where, and technicians with their skills by name", async () => {
    const agent = await tokenOf("agent");
    const urgent = await api(agent, "POST", "/console/requests", {
      channel: "phone",
      kind: "repair",
      category: "elevator-failure",
      description: "3栋电梯困人,一人被困",
      contact: { name: "物业巡逻", phone: `138${String(Date.now()).slice(-8)}` },
      location: { area: "3栋电梯" },
    });
    expect(urgent.status).toBe(201);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    contexts.push(ctx);
    const page = await signIn(ctx, "/console/dispatch", "engineeringSupervisor", BRANCH);
    const first = page.locator("#unassigned li.order-card").first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.getAttribute("data-code")).toBe(urgent.body.trackingCode);
    const card = (await first.textContent()) ?? "";
    for (const part of ["紧急", "电梯故障", "3栋电梯", "3栋电梯困人"]) expect(card).toContain(part);
    const skills = (await page.locator("[data-technician] .skills").allTextContents()).join(" ");
    expect(skills).toMatch(/水暖|电工|木工|防水/);
    expect(skills).not.toMatch(/plumbing|electrical|carpentry/);
    const options = await first.locator("select").first().locator("option").allTextContents();
    expect(options.join(" ")).toMatch(/水暖|电工/);
    await screenshot(page, "dispatch-board");
  });
});
