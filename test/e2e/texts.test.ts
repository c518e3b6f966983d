// Every screen reachable from the demo data, in both languages: no text that looks like a message key
// ("request.taken"), and no English fragment inside Chinese text ("同意报价 resident", "未找到(branch not found)").
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, login } from "./console.ts";

type Lang = "zh-CN" | "en";
const MESSAGE_KEY = /\b[a-z]+(\.[a-zA-Z-]+){1,}\b/g;
/** Latin words that belong in Chinese text: the language switch, abbreviations, units, and the demo's e-mail domain. */
const ALLOWED_LATIN = new Set(["English", "QR", "SMS", "CSV", "PDF", "PDCA", "ID", "WO", "m²", "demo", "example", "Email", "Webhook"]);

/** The visible text, without what is not prose: e-mail addresses, URLs, tracking and order codes. */
async function visibleText(page: Page): Promise<string> {
  // Codes shown as codes (<code>: tracking codes, price-list item codes) are identifiers, not prose.
  const { text, codes } = await page.evaluate(() => ({
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point (hidden text is not on screen)
    text: document.body.innerText,
    codes: [...document.querySelectorAll("code, kbd")].map((e) => e.textContent ?? ""),
  }));
  return codes
    .filter(Boolean)
    .reduce((t, code) => t.split(code).join(" "), text)
    .replace(/\b(e\.g|i\.e)\./g, " ")
    .replace(/[\w.+-]+@[\w.-]+/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\b[A-Z0-9]{2,}(-[A-Z0-9]{2,})+\b/g, " ");
}

function problems(text: string, lang: Lang): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(MESSAGE_KEY)) found.push(`key-like "${m[0]}"`);
  if (lang === "zh-CN") {
    for (const line of text.split("\n")) {
      if (!/[\u4e00-\u9fff]/.test(line)) continue;
      for (const m of line.matchAll(/[A-Za-z][A-Za-z'-]{2,}/g)) {
        // A hyphenated lower-case word is a code ("tap-replace" in a hint), not English prose.
        if (!ALLOWED_LATIN.has(m[0]) && !/^[a-z]+(-[a-z]+)+$/.test(m[0])) found.push(`English "${m[0]}" in "${line.trim().slice(0, 80)}"`);
      }
    }
  }
  return found;
}

/** Same-origin screens linked from a page (one of each shape: a request page, a branch drill-down…). */
async function linksOf(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page.evaluate(() => [...document.querySelectorAll("a[href^='/']")].map((a) => a.getAttribute("href")!));
  return hrefs.filter((h) => h.startsWith(prefix) && !h.startsWith("/api/"));
}
const shape = (href: string) =>
  href
    .split("?")[0]!
    .split("#")[0]!
    .replace(/\/(req|stf|ntc|hdo)_[\w-]+/g, "/:id")
    .replace(/\/t\/[^/]+/, "/t/:code")
    .replace(/\/hq\/(b|r)\/[^/]+/, "/hq/$1/:id");

async function walk(ctx: BrowserContext, start: string, prefix: string, lang: Lang, signIn?: string, max = 14) {
  const page = await ctx.newPage();
  await page.goto(`${base()}${start}`);
  if (signIn) {
    const who = login(signIn, signIn.startsWith("hq") ? null : "yangguang");
    await page.fill("#email", who.email);
    await page.fill("#password", who.password);
    await page.click("button[type=submit]");
    await page.waitForSelector("#email", { state: "detached", timeout: 20_000 });
  }
  await page.waitForLoadState("networkidle");
  const seen = new Set<string>();
  const queue = [start];
  const report: string[] = [];
  while (queue.length && seen.size < max) {
    const href = queue.shift()!;
    if (seen.has(shape(href))) continue;
    seen.add(shape(href));
    await page.goto(`${base()}${href}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(600); // polled panels (inbox, board) fill in
    for (const p of problems(await visibleText(page), lang)) report.push(`${lang} ${href}: ${p}`);
    for (const next of await linksOf(page, prefix)) if (!seen.has(shape(next))) queue.push(next);
  }
  await screenshot(page, `texts-${signIn ?? "resident"}-${lang}`);
  await page.close();
  return { report, seen: [...seen] };
}

describe("no raw keys or English fragments in the UI", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const journeys: Array<[string, string, string, string | undefined]> = [
    ["the resident portal", "/b/yangguang", "/b/yangguang", undefined],
    ["an agent's console", "/console", "/console", "agent"],
    ["a supervisor's console", "/console", "/console", "serviceSupervisor"],
    ["engineering's console", "/console/dispatch", "/console", "engineeringSupervisor"],
    ["a technician's phone", "/console", "/console", "technician"],
    ["head office", "/hq", "/hq", "hqSupervisor"],
  ];
  for (const lang of ["zh-CN", "en"] as const) {
    for (const [name, start, prefix, role] of journeys) {
      it(`${name} in ${lang}`, async () => {
        const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: lang });
        await ctx.addInitScript((l) => localStorage.setItem("locale", l), lang);
        const { report, seen } = await walk(ctx, start, prefix, lang, role);
        await ctx.close();
        expect(seen.length).toBeGreaterThanOrEqual(2); // the start screen and at least one it leads to
        expect(report.join("\n")).toBe("");
      });
    }
  }

  it("the detector catches what the issue found", () => {
    expect(problems("时间线 request.taken", "zh-CN")).toContain('key-like "request.taken"');
    expect(problems("Timeline request.taken", "en")).toEqual(['key-like "request.taken"']);
    expect(problems("同意报价 resident", "zh-CN")).toEqual(['English "resident" in "同意报价 resident"']);
    expect(problems("提交的内容有误(wrong code)", "zh-CN").length).toBeGreaterThan(0);
    expect(problems("未找到(branch not found)", "zh-CN").length).toBeGreaterThan(0);
    expect(problems("已受理 · 电话 · 12/05 10:00", "zh-CN")).toEqual([]);
    expect(problems("Received · Phone · 12/05 10:00", "en")).toEqual([]);
  });
});
