import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, login, signIn } from "./console.ts";

// The front desk, resident records, surveys, forum meetings, notices and the portal's 我的, in Chromium, as the people
// whose work they are: the agent, the service-center supervisor, the night duty manager and residents (in both
// languages). The desk's clock is pinned (browser and API, `x-clock-at`) so the night rule is tested, not the hour CI runs.
const BRANCH = "yangguang";
const ZONE = "Asia/Shanghai";
const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());
const at = (hhmm: string) => `${today}T${hhmm}:00+08:00`;

async function api(path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base()}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      "content-type": "application/json",
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
async function tokenOf(role: string) {
  const who = login(role, BRANCH);
  return (await api("/api/v1/auth/login", { body: { email: who.email, password: who.password } })).body.accessToken as string;
}
/** The one-time code the notify worker delivered to `phone` (the dev SMS sink). */
async function codeFor(phone: string): Promise<string> {
  let code = "";
  await expect
    .poll(
      async () => {
        const out = (await api(`/api/v1/dev/outbox?branch=${BRANCH}`)).body as { items: Array<{ recipient: string; body: string }> };
        code = /(\d{6})/.exec(out.items.find((x) => x.recipient === phone)?.body ?? "")?.[1] ?? "";
        return code;
      },
      { timeout: 30_000, interval: 500 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}
async function places() {
  const profile = (await api(`/api/v1/public/branches/${BRANCH}`)).body as {
    communities: Array<{ id: string; name: string; units: Array<{ id: string; label: string }> }>;
  };
  const one = profile.communities[0]!;
  return { one, unit301: one.units.find((u) => u.label === "2栋301")! };
}

describe("front desk, resident records, surveys, forum meetings and 我的", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** A desk PC (1366 × 768) whose clock, and the API's, reads `clock` in the branch's zone. */
  async function desk(role: string, path: string, clock: string, locale = "zh-CN"): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, timezoneId: ZONE });
    contexts.push(ctx);
    await ctx.setExtraHTTPHeaders({ "x-clock-at": clock });
    await ctx.addInitScript((l) => localStorage.setItem("locale", l), locale === "en" ? "en" : "zh-CN");
    const page = await signIn(ctx, path, role, BRANCH);
    await page.clock.setFixedTime(new Date(clock));
    return page;
  }
  /** A resident's phone (390 px) in one language. */
  async function phone(locale: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, timezoneId: ZONE, acceptDownloads: true });
    contexts.push(ctx);
    await ctx.addInitScript((l) => localStorage.setItem("locale", l), locale === "en" ? "en" : "zh-CN");
    return ctx.newPage();
  }

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  it("agent: registers a visitor by day and marks them out, writes and searches the duty log, drafts and edits a notice, looks up a resident", async () => {
    const page = await desk("agent", "/console/visitors", at("10:00"));
    await page.waitForSelector("#night-rule", { timeout: 20_000 });
    expect(await page.locator("#night-rule").getAttribute("data-night")).toBe("false");
    const { unit301 } = await places();
    await page.fill("#visitor-name", "王访客");
    await page.selectOption("#visitor-host", unit301.id);
    await page.fill("#visitor-id-number", "11010519491231002X");
    await page.check("#visitor-called");
    await page.fill("#visitor-purpose", "探亲");
    await page.click("#visitor-form button[type=submit]");
    await page.waitForSelector("#visitor-done", { timeout: 20_000 });
    const inside = page.locator("#visitors-inside tr[data-visitor]", { hasText: "王访客" });
    await expect.poll(() => inside.count(), { timeout: 20_000 }).toBe(1);
    expect(await inside.textContent()).toContain("**************002X");
    expect(await inside.textContent()).not.toContain("110105");
    await screenshot(page, "frontdesk-visitors-agent");
    await inside.locator("button[data-action=out]").click();
    await expect.poll(() => inside.count(), { timeout: 20_000 }).toBe(0);
    expect(await page.locator("#visitors-today tr[data-visitor]", { hasText: "王访客" }).count()).toBe(1);

    // Duty log: write, then find it among others by a word.
    await page.click("a[href='/console/duty-log']");
    await page.waitForSelector("#duty-form", { timeout: 20_000 });
    const word = `漏水${Date.now() % 100000}`;
    await page.selectOption("#duty-kind", "equipment");
    await page.fill("#duty-what", `3栋地下室${word}`);
    await page.fill("#duty-handled", "已关闭总阀,通知工程部");
    await page.click("#duty-form button[type=submit]");
    await page.fill("#duty-search", word);
    await expect.poll(() => page.locator("#duty-log tr[data-entry]").count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, "frontdesk-duty-log");

    // A notice: drafted, then edited before it is submitted.
    await page.goto(`${base()}/console/notices`);
    await page.click("#new-notice");
    const title = `电梯年检 ${Date.now() % 100000}`;
    await page.fill("#notice-title", title);
    await page.fill("#notice-body", "5栋电梯周三上午年检。");
    await page.click("#notice-form button[type=submit]");
    const row = page.locator("details.notice", { hasText: title });
    await row.waitFor({ timeout: 20_000 });
    await row.locator("summary").click();
    await row.locator("button[data-action=edit]").click();
    const id = await row.getAttribute("data-notice");
    await page.fill(`#notice-edit-${id}-body`, "5栋电梯周三 9:00–11:00 年检,请提前安排出行。");
    await screenshot(page, "frontdesk-notice-edit");
    await page.click(`#notice-edit-${id}-form button[type=submit]`);
    await expect.poll(() => row.locator("p.pre").textContent(), { timeout: 20_000 }).toContain("9:00–11:00");
    await row.locator("button[data-action=submit]").click();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 20_000 }).toBe("pending");

    // A resident record, found by the unit, shown masked in the list, in full (audited) when opened.
    const residentPhone = `1391${String(Date.now()).slice(-7)}`;
    await api(`/api/v1/public/branches/${BRANCH}/requests`, {
      body: {
        kind: "repair",
        category: "door-window",
        description: "卧室门关不上",
        contact: { name: "档案业主", phone: residentPhone },
        location: { unitId: unit301.id },
      },
      headers: { "cf-connecting-ip": "10.7.7.1" },
    });
    // The resident verifies that phone through the portal: the record takes the request's name and unit.
    await api(`/api/v1/public/branches/${BRANCH}/verify/start`, { body: { phone: residentPhone } });
    await api(`/api/v1/public/branches/${BRANCH}/verify/confirm`, { body: { phone: residentPhone, code: await codeFor(residentPhone) } });
    await page.click("a[href='/console/residents']");
    await page.fill("#resident-search", residentPhone.slice(-4));
    await page.click("#residents form button[type=submit]");
    const hit = page.locator("#residents tr[data-resident]").first();
    await hit.waitFor({ timeout: 20_000 });
    expect(await page.locator("#residents").textContent()).not.toContain(residentPhone);
    await screenshot(page, "frontdesk-resident-search");
    await hit.locator("a").click();
    await page.waitForSelector("#resident-record", { timeout: 20_000 });
    expect(await page.locator("#resident-phone").textContent()).toBe(residentPhone);
    expect(await page.locator("#resident-unit").textContent()).toContain("2栋301");
    expect(await page.locator("#resident-record h2").textContent()).toBe("档案业主");
    expect(await page.locator("#resident-requests").textContent()).toContain("卧室门关不上");
    expect(await page.locator("#resident-record").textContent()).toContain("审计日志");
    await screenshot(page, "frontdesk-resident-record");
  });

  it("the night rule: the agent is told why at 21:00; the night duty manager registers the visitor and signs the handover", async () => {
    const agent = await desk("agent", "/console/visitors", at("21:00"));
    await agent.waitForSelector("#night-rule[data-night=true]", { timeout: 20_000 });
    expect(await agent.locator("#night-rule").getAttribute("data-may-register")).toBe("false");
    const { unit301 } = await places();
    await agent.fill("#visitor-name", "晚访客");
    await agent.selectOption("#visitor-host", unit301.id);
    await agent.fill("#visitor-id-number", "E12345678");
    await agent.click("#visitor-form button[type=submit]");
    const refusal = agent.locator("#visitor-form .error-box");
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toContain("夜间值班经理");
    expect(await refusal.textContent()).toContain("20:00");
    await screenshot(agent, "frontdesk-night-rule-agent-refused");

    const night = await desk("nightManager", "/console/visitors", at("21:05"));
    await night.waitForSelector("#night-rule[data-may-register=true]", { timeout: 20_000 });
    await night.fill("#visitor-name", "晚访客");
    await night.selectOption("#visitor-host", unit301.id);
    await night.selectOption("#visitor-id-type", "passport");
    await night.fill("#visitor-id-number", "E12345678");
    await night.check("#visitor-called");
    await night.click("#visitor-form button[type=submit]");
    const slip = night.locator("#visitors-inside tr[data-visitor]", { hasText: "晚访客" });
    await slip.waitFor({ timeout: 20_000 });
    expect(await slip.textContent()).toContain("*****5678");
    await screenshot(night, "frontdesk-visitors-night-manager");

    // The agent leaving at 20:00 wrote the handover (auto-filled), corrected it; the night duty manager signs it,
    // leaving one item to the supervisor.
    const own = await api("/api/v1/console/requests", {
      token: await tokenOf("agent"),
      headers: { "idempotency-key": crypto.randomUUID(), "x-clock-at": at("19:30") },
      body: {
        channel: "phone",
        kind: "repair",
        category: "door-window",
        description: "3栋502 入户门锁芯损坏",
        contact: { name: "陈先生", phone: "13700137502" },
        location: { unitId: unit301.id },
      },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    await agent.goto(`${base()}/console/handovers`);
    await agent.waitForSelector("#handover-form", { timeout: 20_000 });
    await agent.selectOption("#handover-shift", "day");
    await agent.fill("#handover-notes", "6栋门禁偶有故障");
    await agent.fill("#handover-items", "快递柜钥匙在前台抽屉\n2栋电梯异响待复查\n此行将被移除");
    await agent.click("#handover-form button[type=submit]");
    const mine = agent.locator("article[data-handover]").first();
    await mine.locator("li", { hasText: "此行将被移除" }).waitFor({ timeout: 20_000 });
    // Filled in from the system: the request the agent still owns.
    expect(await mine.locator("li", { hasText: own.body.trackingCode }).count()).toBe(1);
    const handoverId = (await mine.getAttribute("data-handover"))!;
    await mine.locator("li", { hasText: "此行将被移除" }).locator("button[data-action=remove-item]").click();
    await mine.locator("button[data-action=save-edit]").click();
    await expect.poll(() => mine.locator("li", { hasText: "此行将被移除" }).count(), { timeout: 20_000 }).toBe(0);
    await screenshot(agent, "frontdesk-handover-written");

    await night.goto(`${base()}/console/handovers`);
    const received = night.locator(`article[data-handover="${handoverId}"]`);
    await received.waitFor({ timeout: 20_000 });
    await received.locator("label[data-item]", { hasText: "2栋电梯异响待复查" }).locator("input").uncheck();
    expect(await received.locator("p.error").textContent()).toBeTruthy();
    await screenshot(night, "frontdesk-handover-sign");
    await received.locator("button[data-action=sign]").click();
    await expect.poll(() => received.getAttribute("data-status"), { timeout: 20_000 }).toBe("partial");
  });

  it("supervisor sends a survey to 阳光花园一期; residents answer on their phones (zh-CN and en), set channels, export; the results", async () => {
    const { one, unit301 } = await places();
    // Two residents filed from 一期 2栋301 and verify on their phones before the survey goes out.
    const residents: Array<{ page: Page; phone: string; locale: string }> = [];
    for (const [i, locale] of ["zh-CN", "en"].entries()) {
      const number = `1392${String(Date.now()).slice(-6)}${i}`;
      await api(`/api/v1/public/branches/${BRANCH}/requests`, {
        body: {
          kind: "repair",
          category: "door-window",
          description: "阳台门漏风",
          contact: { name: `住户${i}`, phone: number },
          location: { unitId: unit301.id },
        },
        headers: { "cf-connecting-ip": `10.7.8.${i + 1}` },
      });
      const page = await phone(locale);
      await page.goto(`${base()}/b/${BRANCH}/my`);
      await page.fill("#phone", number);
      await page.click("#send-code");
      const code = await codeFor(number);
      await page.fill("#code", code);
      await page.click("form button[type=submit]");
      await page.waitForSelector("#my-surveys", { timeout: 20_000 });
      residents.push({ page, phone: number, locale });
    }

    const sup = await desk("serviceSupervisor", "/console/surveys", at("10:30"));
    await sup.click("#new-survey");
    const title = `一期满意度 ${Date.now() % 100000}`;
    await sup.fill("#survey-title", title);
    await sup.fill("#question-0", "总体满意度");
    await sup.click("#add-question");
    await sup.fill("#question-1", "意见建议");
    await sup.selectOption("#question-type-1", "text");
    await sup.click("#survey-form button[type=submit]");
    const card = sup.locator("article[data-survey]", { hasText: title });
    await card.waitFor({ timeout: 20_000 });
    const surveyId = (await card.getAttribute("data-survey"))!;
    await card.locator("button[data-target=community]").click();
    await card.locator("select").selectOption(one.id);
    await screenshot(sup, "frontdesk-survey-send");
    await card.locator("button[data-action=send]").click();
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 20_000 }).toBe("sent");

    for (const [i, r] of residents.entries()) {
      await r.page.reload();
      const form = r.page.locator(`form[data-survey="${surveyId}"]`);
      await form.waitFor({ timeout: 20_000 });
      await form.locator("fieldset[data-question=q1] label", { hasText: String(4 + i) }).click();
      await form.locator("fieldset[data-question=q2] textarea").fill(i === 0 ? "保洁很及时" : "More lights in the garage");
      await screenshot(r.page, `portal-my-survey-${r.locale}`);
      await form.locator("button[type=submit]").click();
      await r.page.locator(`section[data-survey="${surveyId}"][data-answered=true]`).waitFor({ timeout: 20_000 });
      await r.page.check("#my-channels input[data-channel=sms]");
      await r.page.waitForSelector("#channels-saved", { timeout: 20_000 });
      const download = r.page.waitForEvent("download");
      await r.page.click("#export-my-data");
      expect((await download).suggestedFilename()).toBe(`${BRANCH}-my-data.json`);
      await r.page.waitForSelector("#export-done", { timeout: 20_000 });
      expect(await r.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(r.page, `portal-my-${r.locale}`);
    }
    expect(await residents[1]!.page.locator("#my-channels h2").textContent()).toBe("How we notify you");
    expect(await residents[0]!.page.locator("#my-channels h2").textContent()).toBe("通知方式");

    await sup.reload();
    const results = sup.locator(`article[data-survey="${surveyId}"] .survey-results`);
    await results.waitFor({ timeout: 20_000 });
    await expect.poll(() => results.getAttribute("data-answers"), { timeout: 20_000 }).toBe("2");
    expect(await results.textContent()).toContain("保洁很及时");
    await screenshot(sup, "frontdesk-survey-results");
  });

  it("supervisor: records a forum meeting, replies to each point and publishes it; approves the notice as residents see it; follows up the unsigned handover", async () => {
    const sup = await desk("serviceSupervisor", "/console/forum", at("11:00"));
    await sup.click("#new-meeting");
    const minutes = `二季度业主恳谈会 ${Date.now() % 100000}`;
    await sup.fill("#meeting-held", `${today}T19:00`);
    await sup.fill("#meeting-attendees", "23");
    await sup.fill("#meeting-minutes", minutes);
    await sup.fill("#point-0", "地下车库照明不足");
    await sup.fill("#point-by-0", "3栋业主");
    await sup.click("#add-point");
    await sup.fill("#point-1", "希望增加快递柜");
    await sup.click("#meeting-form button[type=submit]");
    const meeting = sup.locator("article[data-meeting]", { hasText: minutes });
    await meeting.waitFor({ timeout: 20_000 });
    for (const reply of ["已加装 12 盏感应灯", "下月在南门增设一组快递柜"]) {
      const form = meeting.locator(".reply-form").first();
      await form.locator("input").fill(reply);
      await form.locator("button[type=submit]").click();
      await meeting.locator(".reply", { hasText: reply }).waitFor({ timeout: 20_000 });
    }
    expect(await meeting.getAttribute("data-open")).toBe("0");
    await meeting.locator("button[data-action=publish]").click();
    await expect.poll(() => meeting.getAttribute("data-published"), { timeout: 20_000 }).toBe("true");
    await screenshot(sup, "frontdesk-forum");
    const portal = (await api(`/api/v1/public/branches/${BRANCH}/forum`)).body.items as Array<{
      minutes: string;
      points: Array<{ reply: string }>;
    }>;
    expect(portal.find((m) => m.minutes === minutes)?.points.map((p) => p.reply)).toEqual([
      "已加装 12 盏感应灯",
      "下月在南门增设一组快递柜",
    ]);

    // The agent's notice, as residents will read it (phones appended), approved.
    const agentToken = await tokenOf("agent");
    const noticeTitle = `停车场划线 ${Date.now() % 100000}`;
    const drafted = await api("/api/v1/console/notices", {
      token: agentToken,
      body: { title: noticeTitle, body: "地下车库周六重新划线,请当日上午移车。", category: "services" },
    });
    await api(`/api/v1/console/notices/${drafted.body.id}/submit`, { token: agentToken, body: {} });
    await sup.goto(`${base()}/console/notices`);
    const pending = sup.locator(`details.notice[data-notice="${drafted.body.id}"]`);
    await pending.waitFor({ timeout: 20_000 });
    expect(await pending.getAttribute("data-status")).toBe("pending");
    expect(await pending.locator("p.pre").textContent()).toContain("021-55550101");
    await screenshot(sup, "frontdesk-notice-approve");
    await pending.locator("button[data-action=approve]").click();
    await expect
      .poll(
        async () => `${await pending.getAttribute("data-status")} ${(await pending.locator(".error-box").allTextContents()).join(" ")}`,
        {
          timeout: 20_000,
        },
      )
      .toBe("published ");

    // A handover signed with an item left (as the night duty manager did above): flagged to the supervisor.
    const written = await api("/api/v1/console/handovers", {
      token: agentToken,
      body: { shift: "night", items: ["南门道闸抬杆故障待厂家"] },
    });
    const keep = written.body.items.filter((i: { text: string }) => i.text !== "南门道闸抬杆故障待厂家").map((i: { id: string }) => i.id);
    await api(`/api/v1/console/handovers/${written.body.id}/sign`, { token: await tokenOf("nightManager"), body: { itemIds: keep } });
    await sup.goto(`${base()}/console/handovers`);
    await sup.click("#handovers-flagged");
    const flagged = sup.locator(`article[data-handover="${written.body.id}"][data-flagged=true]`);
    await flagged.first().waitFor({ timeout: 20_000 });
    await screenshot(sup, "frontdesk-handover-flagged");

    // An agent sees neither surveys nor forum meetings in the navigation, and is told so at the address.
    const token = await tokenOf("agent");
    expect((await api("/api/v1/console/surveys", { token })).status).toBe(403);
  });
});
