// Times are read in the branch's zone wherever the reader is: a resident abroad (New York) sees the tracking
// page's times as the branch (Shanghai) lives them, and so does a staff member on the register.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./browser.ts";
import { base, signIn } from "./console.ts";

const BRANCH = "yangguang";
const shanghai = (iso: string, locale: string) =>
  new Date(iso).toLocaleString(locale, {
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Asia/Shanghai",
  });

describe("times in the branch's zone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the tracking page and the request page show Shanghai times to readers in New York", async () => {
    const res = await fetch(`${base()}/api/v1/public/branches/${BRANCH}/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": "10.9.44.1" },
      body: JSON.stringify({
        kind: "inquiry",
        description: "物业费可以按季度交吗",
        contact: { name: "海外业主", phone: "13900004401" },
        location: { area: "服务中心" },
      }),
    });
    expect(res.status).toBe(201);
    const { trackingCode, id } = (await res.json()) as { trackingCode: string; id: string };
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", timezoneId: "America/New_York" });
    const page = await ctx.newPage();
    await page.goto(`${base()}/b/${BRANCH}/t/${trackingCode}`);
    const first = page.locator("#timeline time").first();
    await first.waitFor({ timeout: 20_000 });
    const at = (await first.getAttribute("datetime"))!;
    expect(await first.textContent()).toBe(shanghai(at, "zh-CN"));
    expect(shanghai(at, "zh-CN")).not.toBe(
      new Date(at).toLocaleString("zh-CN", {
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
        timeZone: "America/New_York",
      }),
    );

    const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN", timezoneId: "America/New_York" });
    const staff = await signIn(desk, `/console/r/${id}`, "agent");
    const event = staff.locator("#events time").first();
    await event.waitFor({ timeout: 20_000 });
    expect(await event.textContent()).toBe(shanghai((await event.getAttribute("datetime"))!, "zh-CN"));
    await ctx.close();
    await desk.close();
  });
});
