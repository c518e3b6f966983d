import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, screenshot } from "./browser.ts";

describe("smoke: a page served by wrangler dev in Debian Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("loads the home page, which reads the live health of every database", async () => {
    const page = await browser.newPage();
    await page.goto(`${inject("baseUrl")}/`);
    await expect.poll(() => page.locator("#health").getAttribute("data-status"), { timeout: 30_000 }).toBe("ok");
    expect(await page.locator("h1").textContent()).toBe("物业客服中心");
    await screenshot(page, "home");
  });

  it("serves the API health and demo logins", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/v1/health`);
    expect(res.status).toBe(200);
    const logins = JSON.parse(inject("logins")) as Array<{ role: string }>;
    expect(new Set(logins.map((l) => l.role))).toEqual(
      new Set([
        "agent",
        "serviceSupervisor",
        "engineeringSupervisor",
        "technician",
        "branchManager",
        "nightManager",
        "hqSupervisor",
        "regionSupervisor",
        "orgAdmin",
      ]),
    );
  });
});
