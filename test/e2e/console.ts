import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { expect, inject } from "vitest";

// What the browser journeys share: the stack's URL, the demo logins, signing in, and taking a workflow step.
export const base = () => inject("baseUrl");
export const logins = () => JSON.parse(inject("logins")) as Array<{ email: string; password: string; role: string; branch: string | null }>;
export const login = (role: string, branch: string | null = "yangguang", nth = 0) =>
  logins().filter((l) => l.role === role && l.branch === branch)[nth]!;

/** Opens `path` in a new page of `ctx` and signs in there as the demo user with that role. */
export async function signIn(ctx: BrowserContext, path: string, role: string, branch: string | null = "yangguang", nth = 0): Promise<Page> {
  const who = login(role, branch, nth);
  const page = await ctx.newPage();
  await page.goto(`${base()}${path}`);
  await page.fill("#email", who.email);
  await page.fill("#password", who.password);
  await page.click("button[type=submit]");
  return page;
}

/**
 * A desk PC (1366 × 768) in the branch's zone and `locale`, signed in at `path` as the demo user with that role. With
 * `clock`, the browser's time and the API's (`x-clock-at`, front-desk instants) read that instant, so rules that
 * depend on the hour (the night rule) are tested, not the hour the run has.
 */
export async function atDesk(
  browser: Browser,
  role: string,
  path: string,
  o: { branch?: string; clock?: string; locale?: string } = {},
): Promise<Page> {
  const locale = o.locale ?? "zh-CN";
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, timezoneId: "Asia/Shanghai" });
  if (o.clock) await ctx.setExtraHTTPHeaders({ "x-clock-at": o.clock });
  await ctx.addInitScript((l) => localStorage.setItem("locale", l), locale === "en" ? "en" : "zh-CN");
  // Before the first page: a page that renders before its clock is set shows the real hour until it next ticks.
  if (o.clock) await ctx.clock.setFixedTime(new Date(o.clock));
  const page = await signIn(ctx, path, role, o.branch ?? "yangguang");
  return page;
}

/**
 * Opens a workflow step's form on the console request page, fills it, submits, and waits until the request
 * shows the state and the step's event is on its record (so steps that keep the state are proven too).
 */
export async function step(page: Page, action: string, fill: (form: Locator) => Promise<void>, expectState: string) {
  const events = page.locator(`#events li[data-type="workflow.${action}"]`);
  const before = await events.count();
  await page.locator(`#step-buttons button[data-action="${action}"]`).click({ timeout: 20_000 });
  const form = page.locator(`form.step-form[data-step="${action}"]`);
  await fill(form);
  await form.locator("button[type=submit]").click();
  await expect.poll(() => events.count(), { timeout: 20_000 }).toBe(before + 1);
  await expect.poll(() => page.locator("#request").getAttribute("data-status"), { timeout: 20_000 }).toBe(expectState);
}

/**
 * Follows the console's top-bar link to `href`, opening the grouped menu ("管理", the person's own) that holds it
 * first when the link is inside one.
 */
export async function clickNav(page: Page, href: string) {
  const link = page.locator(`.topbar nav a[href="${href}"]`);
  await link.waitFor({ state: "attached", timeout: 20_000 });
  const menu = page.locator(`.topbar nav details:has(a[href="${href}"])`);
  if ((await menu.count()) > 0 && !(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator("summary").click();
  await link.click();
}
