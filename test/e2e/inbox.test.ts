import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, screenshot } from "./browser.ts";

const base = () => inject("baseUrl");
const logins = () => JSON.parse(inject("logins")) as Array<{ email: string; password: string; role: string; branch: string | null }>;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any, headers: res.headers };
}

describe("live inboxes in a real browser (wrangler dev, queues, notify worker)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a branch manager sees an emergency appear in the console inbox without reloading", async () => {
    const manager = logins().find((l) => l.role === "branchManager" && l.branch === "yangguang")!;
    const page = await browser.newPage();
    await page.goto(`${base()}/console`);
    await page.fill("#email", manager.email);
    await page.fill("#password", manager.password);
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator("#inbox-unread").getAttribute("data-unread"), { timeout: 20_000 }).not.toBeNull();
    const before = Number(await page.locator("#inbox-unread").getAttribute("data-unread"));
    const created = await post(
      "/api/v1/public/branches/yangguang/requests",
      {
        kind: "medical",
        category: "medical",
        description: "2栋有老人晕倒",
        contact: { name: "路人", phone: "13212345678" },
        location: { area: "2栋门口" },
      },
      { "cf-connecting-ip": "10.9.9.1" },
    );
    expect(created.status).toBe(201);
    await expect
      .poll(async () => Number(await page.locator("#inbox-unread").getAttribute("data-unread")), { timeout: 40_000, interval: 500 })
      .toBeGreaterThan(before);
    await expect.poll(() => page.locator("#inbox-items li").first().textContent(), { timeout: 5_000 }).toContain(created.body.trackingCode);
    await screenshot(page, "console-inbox");
  });

  it("a resident verifies a phone in the portal and sees the acknowledgement arrive", async () => {
    const supervisor = logins().find((l) => l.role === "serviceSupervisor" && l.branch === "hupan")!;
    const login = await post("/api/v1/auth/login", { email: supervisor.email, password: supervisor.password });
    const token = login.body.accessToken as string;
    // Quiet hours off for this branch, so the acknowledgement is not held back whatever time CI runs.
    const settings = await fetch(`${base()}/api/v1/console/settings`, { headers: { authorization: `Bearer ${token}` } });
    const patched = await fetch(`${base()}/api/v1/console/settings`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "if-match": settings.headers.get("etag")! },
      body: JSON.stringify({ notifications: { quietHours: { from: "00:00", to: "00:00" } } }),
    });
    expect(patched.status).toBe(200);

    const phone = "13698765432";
    const page = await browser.newPage();
    await page.goto(`${base()}/b/hupan/inbox`);
    await page.fill("#phone", phone);
    await page.click("#send-code");
    let code = "";
    await expect
      .poll(
        async () => {
          const outbox = (await (await fetch(`${base()}/api/v1/dev/outbox?branch=hupan`)).json()) as {
            items: Array<{ recipient: string; body: string }>;
          };
          code = /(\d{6})/.exec(outbox.items.find((i) => i.recipient === phone)?.body ?? "")?.[1] ?? "";
          return code;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/^\d{6}$/);
    await page.fill("#code", code);
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator("#inbox-unread").getAttribute("data-unread"), { timeout: 20_000 }).toBe("0");
    const created = await post(
      "/api/v1/public/branches/hupan/requests",
      { kind: "repair", category: "door-window", description: "卧室门锁坏了", contact: { name: "业主", phone }, location: { area: "5栋" } },
      { "cf-connecting-ip": "10.9.9.2" },
    );
    expect(created.status).toBe(201);
    await expect
      .poll(async () => Number(await page.locator("#inbox-unread").getAttribute("data-unread")), { timeout: 40_000, interval: 500 })
      .toBe(1);
    expect(await page.locator("#inbox-items li").first().textContent()).toContain(created.body.trackingCode);
    await screenshot(page, "portal-inbox");
  });
});
