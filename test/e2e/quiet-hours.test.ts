// Quiet hours hold back only the resident's SMS: with the notify worker's clock at 03:00 Shanghai, a dispatched
// repair is in the resident's portal inbox at once, while its SMS is on record as held until 07:00. A stack of
// its own, because the clock is a var of that stack's notify worker (CLOCK_SHIFT_MS, ignored in production).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTempStack, type TempStack } from "../load/lib.ts";
import { launch, screenshot } from "./browser.ts";

const BRANCH = "yangguang";
const HOUR = 3_600_000;

/** How far ahead the next 03:00 in Shanghai (19:00 UTC) is from now. */
function shiftTo3amShanghai(now = Date.now()): number {
  const d = new Date(now);
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 19, 0, 0);
  if (at < now) at += 24 * HOUR;
  return at - now;
}

describe("quiet hours at 03:00 Shanghai", () => {
  let temp: TempStack;
  let browser: Browser;
  const shift = shiftTo3amShanghai();
  const url = (path: string) => `${temp.stack.url}${path}`;
  async function post(path: string, body: unknown, token?: string) {
    const res = await fetch(url(path), {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
  const outbox = async () =>
    (
      (await (await fetch(url(`/api/v1/dev/outbox?branch=${BRANCH}`))).json()) as {
        items: Array<{ channel: string; recipient: string; body: string; status: string; error: string | null; subject: string | null }>;
      }
    ).items;

  beforeAll(async () => {
    temp = await startTempStack("wuye-e2e-quiet-", !!process.env.E2E_VERBOSE, {
      workerVars: { notify: { CLOCK_SHIFT_MS: String(shift) } },
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await temp?.close();
  });

  it("puts the dispatch notice in the resident's inbox at once and holds its SMS until 07:00", async () => {
    const phone = `135${String(Date.now()).slice(-8)}`;
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" })
    ).newPage();
    // The resident verifies their phone in the portal (the one-time code is urgent: never held).
    await page.goto(url(`/b/${BRANCH}/inbox`));
    await page.fill("#phone", phone);
    await page.click("#send-code");
    let code = "";
    await expect
      .poll(
        async () => {
          code = /(\d{6})/.exec((await outbox()).find((i) => i.recipient === phone)?.body ?? "")?.[1] ?? "";
          return code;
        },
        { timeout: 40_000, interval: 500 },
      )
      .toMatch(/^\d{6}$/);
    await page.fill("#code", code);
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator("#inbox-unread").getAttribute("data-unread"), { timeout: 20_000 }).not.toBeNull();
    const token = await page.evaluate((b) => localStorage.getItem(`residentToken:${b}`), BRANCH);
    const prefs = await fetch(url(`/api/v1/public/branches/${BRANCH}/my/preferences`), {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ channels: ["sms"] }),
    });
    expect(prefs.status).toBe(204);

    const logins = temp.stack.logins;
    const tokenOf = async (role: string) => {
      const who = logins.find((l) => l.role === role && l.branch === BRANCH)!;
      return (await post("/api/v1/auth/login", { email: who.email, password: who.password })).body.accessToken as string;
    };
    const created = await post(
      "/api/v1/console/requests",
      {
        channel: "phone",
        kind: "repair",
        category: "water-fixture",
        description: "半夜厨房水管爆了,已关总阀",
        contact: { name: "业主", phone },
        location: { area: "2栋" },
      },
      await tokenOf("agent"),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const from = new Date(Date.now() + shift + 6 * HOUR).toISOString(); // 09:00 the same morning
    const to = new Date(Date.now() + shift + 8 * HOUR).toISOString();
    const dispatched = await post(
      `/api/v1/console/requests/${created.body.id}/actions/dispatch`,
      { itemCode: "tap-washer", appointment: { from, to }, keyLeft: false },
      await tokenOf("engineeringSupervisor"),
    );
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);

    // The inbox has it at once (the page polls every few seconds)…
    const item = page.locator("#inbox-items li", { hasText: "已派师傅上门" }).first();
    await item.waitFor({ timeout: 40_000 });
    expect(await item.textContent()).toMatch(/师傅/);
    expect(await item.locator("a").getAttribute("href")).toBe(`/b/${BRANCH}/t/${created.body.trackingCode}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "quiet-hours-resident-inbox");

    // …while its SMS waits: on record as held until 07:00 Shanghai (23:00 UTC), never sent.
    const sms = (await outbox()).filter((i) => i.channel === "sms" && i.recipient === phone && i.subject === "已派师傅上门");
    expect(sms.map((s) => s.status)).toEqual(["held"]);
    const until = Date.parse(/until (\S+)/.exec(sms[0]!.error ?? "")![1]!);
    const clock = new Date(Date.now() + shift); // the notify worker's 03:00-something, 19:00 UTC
    const sevenAm = Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate(), 23, 0, 0);
    expect(Math.abs(until - sevenAm)).toBeLessThan(2_000);

    // The tracking page shows the visit at once as well.
    await item.locator("a").click();
    await page.waitForSelector("#visit", { timeout: 20_000 });
    expect(await page.locator("#visit-technician").textContent()).toMatch(/师傅/);
    expect(await page.locator("#visit-key").textContent()).toBe("未留钥匙");
    await screenshot(page, "quiet-hours-tracking");
  });
});
