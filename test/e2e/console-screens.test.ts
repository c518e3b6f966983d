import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, login, signIn } from "./console.ts";

// The console's settings, hand-over and open-items screens in Chromium. Settings are changed in 滨江苑
// (binjiang) so the repair journey in 阳光花园 keeps its published prices.
async function tokenOf(role: string, branch: string, nth = 0) {
  const who = login(role, branch, nth);
  const res = await fetch(`${base()}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

describe("console screens: settings, hand-over, my open items", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const context = async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    contexts.push(ctx);
    return ctx;
  };

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a supervisor edits the rules and the price list; an agent only reads them", async () => {
    const page = await signIn(await context(), "/console/settings?tab=general", "serviceSupervisor", "binjiang");
    await page.waitForSelector("#price-list-form", { timeout: 20_000 });
    const version = Number(await page.locator("#settings").getAttribute("data-version"));

    // A new item left half-filled: errors next to its fields, the first one focused, nothing saved.
    await page.click("#price-add");
    const row = page.locator("#price-list-form tbody tr").last();
    await row.locator("input").nth(0).fill("balcony-rail");
    await page.click("#price-list-form button[type=submit]");
    await expect.poll(() => row.locator(".error").count()).toBeGreaterThan(2);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe("true");
    expect(Number(await page.locator("#settings").getAttribute("data-version"))).toBe(version);

    await row.locator("input").nth(1).fill("阳台栏杆加固");
    await row.locator("input").nth(2).fill("Balcony railing fix");
    await row.locator("input").nth(3).fill("米");
    await row.locator("input").nth(4).fill("45.5");
    await row.locator("input").nth(6).fill("welding");
    await page.click("#price-list-form button[type=submit]");
    await page.waitForSelector("#settings-status", { timeout: 20_000 });
    expect(Number(await page.locator("#settings").getAttribute("data-version"))).toBe(version + 1);
    // Typed in yuan, stored in fen, published on the portal.
    const profile = (await (await fetch(`${base()}/api/v1/public/branches/binjiang`)).json()) as {
      priceList: Array<{ code: string; labourFen: number }>;
    };
    expect(profile.priceList.find((p) => p.code === "balcony-rail")?.labourFen).toBe(4550);

    // The rules: a limit under 1 is refused by the shared schema; a valid change is saved.
    await page.fill("#daily-limit", "0");
    await page.click("#rules-form button[type=submit]");
    await expect.poll(() => page.locator("#rules-form .error").count()).toBe(1);
    await page.fill("#daily-limit", "15");
    await page.fill("#warranty-months", "6");
    await page.click("#rules-form button[type=submit]");
    await expect.poll(() => page.locator("#settings").getAttribute("data-version"), { timeout: 20_000 }).toBe(String(version + 2));
    expect(await page.inputValue("#warranty-months")).toBe("6");
    await screenshot(page, "console-settings");

    const agent = await signIn(await context(), "/console/settings?tab=general", "agent", "binjiang");
    await agent.waitForSelector("#settings", { timeout: 20_000 });
    expect(await agent.locator("#price-list-form, #rules-form").count()).toBe(0);
    expect(await agent.locator("#price-list td", { hasText: "welding" }).count()).toBe(1);
  });

  it("the owner offers a hand-over; the colleague accepts it under my open items", async () => {
    const token = await tokenOf("agent", "yangguang");
    const made = (await (
      await fetch(`${base()}/api/v1/console/requests`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          kind: "help",
          description: "业主需要联系开锁师傅",
          contact: { name: "赵", phone: "13800138765" },
          location: { area: "3栋" },
          channel: "phone",
        }),
      })
    ).json()) as { id: string; trackingCode: string };

    const owner = await signIn(await context(), `/console/r/${made.id}`, "agent");
    await owner.waitForSelector("#handover-open", { timeout: 20_000 });
    expect(await owner.locator("#owner").textContent()).toBe("我");
    await owner.click("#handover-open");
    await owner.click("#handover-form button[type=submit]");
    await expect.poll(() => owner.locator("#handover-form .error").count()).toBe(1);
    const colleague = login("agent", "yangguang", 1);
    const colleagues = (await (
      await fetch(`${base()}/api/v1/console/colleagues`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Array<{ id: string; name: string }> };
    const receiverToken = await tokenOf("agent", "yangguang", 1);
    const receiverId = JSON.parse(Buffer.from(receiverToken.split(".")[1]!, "base64url").toString()).sub as string;
    const receiverName = colleagues.items.find((c) => c.id === receiverId)!.name;
    await owner.selectOption("#handover-to", receiverId);
    await owner.fill("#handover-note", "我下班了,请继续跟进");
    await owner.click("#handover-form button[type=submit]");
    await owner.waitForSelector(`#pending-handover[data-to="${receiverId}"]`, { timeout: 20_000 });
    expect(await owner.locator("#owner").textContent()).toBe("我"); // still the owner until accepted
    await screenshot(owner, "console-handover-offered");

    const receiver = await signIn(await context(), "/console/mine", "agent", "yangguang", 1);
    expect(colleague.email).toContain("agent2");
    const offer = receiver.locator(`#offered li[data-code="${made.trackingCode}"]`);
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.textContent()).toContain("我下班了,请继续跟进");
    await screenshot(receiver, "console-my-open-items");
    await offer.locator('button[data-decide="accept"]').click();
    await receiver.waitForSelector(`#my-items tr[data-code="${made.trackingCode}"]`, { timeout: 20_000 });
    expect(await receiver.locator(`#offered li[data-code="${made.trackingCode}"]`).count()).toBe(0);

    await owner.reload();
    await expect.poll(() => owner.locator("#owner").textContent(), { timeout: 20_000 }).toContain(receiverName);
    expect(await owner.locator("#pending-handover, #handover-open").count()).toBe(0);
  });
});
