import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, session } from "./api.ts";
import { launch, screenshot } from "./browser.ts";
import { atDesk, base } from "./console.ts";

// One object's page, opened from its list (or the inbox), in Chromium on the desk PC: a visitor slip, a shift
// handover, a notice and a forum meeting, each printable; another branch's id answers "not found"; a branch
// manager's emergency notice goes out at once through its own operation. Everything is arranged in 湖畔 (hupan);
// 滨江苑 (binjiang) holds the objects of "another branch". Front-desk instants are pinned with `x-clock-at`, so the
// night rule is tested at 10:00 whatever hour the run has.
const BRANCH = "hupan";
const OTHER = "binjiang";
const ZONE = "Asia/Shanghai";
const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());
const at = (hhmm: string) => `${today}T${hhmm}:00+08:00`;

async function unitOf(branch: string) {
  const profile = (await api("GET", `/api/v1/public/branches/${branch}`)).body as {
    communities: Array<{ name: string; units: Array<{ id: string; label: string }> }>;
  };
  const community = profile.communities[0]!;
  const unit = community.units[0]!;
  return { id: unit.id, label: unit.label };
}

describe("detail pages: a visitor slip, a shift handover, a notice, a forum meeting", () => {
  let browser: Browser;
  /** A desk PC in zh-CN in 湖畔, signed in at `path`; with `clock`, the browser's and the API's time read that instant. */
  const desk = (role: string, path: string, clock?: string) => atDesk(browser, role, path, { branch: BRANCH, ...(clock ? { clock } : {}) });
  /** The print view of the page shown: the print button, the A4 layout without the console around it, a PDF. */
  async function printView(page: Page, sheet: string, name: string, onPaper?: () => Promise<void>) {
    await page.click(`${sheet} #print-view`);
    await page.waitForSelector(`${sheet}.print-view`, { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get("print")).toBe("1");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    expect(await page.locator("#print-now").isVisible()).toBe(false);
    expect(await page.locator("aside").isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await onPaper?.();
    await screenshot(page, name);
    await page.emulateMedia({ media: "screen" });
    await page.click(`${sheet} .report-head a`);
    await page.waitForSelector(`${sheet}.card`, { timeout: 20_000 });
  }
  /** Another branch's id at this page's address: the "not found" screen with the way back, not a blank page or a raw error. */
  async function notFound(page: Page, path: string, sheet: string, back: string) {
    await page.goto(`${base()}${path}`);
    await page.waitForSelector("#not-found", { timeout: 20_000 });
    expect(await page.locator("#not-found h2").textContent()).toBe("找不到这条记录");
    expect(await page.locator("#not-found").textContent()).toContain("不属于本项目");
    expect(await page.locator(sheet).count()).toBe(0);
    expect(await page.locator(`.back a[href="${back}"]`).count()).toBe(1);
    expect(await page.locator("main").textContent()).not.toMatch(/not found|HTTP 404|w\.detail/i);
  }

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("agent: opens a visitor's slip from the list, prints it, marks the visitor out there; another branch's slip is not found", async () => {
    const agent = await session("agent", BRANCH);
    const unit = await unitOf(BRANCH);
    const registered = await api("POST", "/api/v1/console/visitors", {
      token: agent.token,
      headers: { "x-clock-at": at("10:00") },
      body: {
        name: "孙来访",
        idType: "resident-id",
        idNumber: "33010619800101123X",
        hostUnitId: unit.id,
        hostContacted: true,
        purpose: "送家具",
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const id = registered.body.id as string;
    const elsewhere = await api("POST", "/api/v1/console/visitors", {
      token: (await session("agent", OTHER)).token,
      headers: { "x-clock-at": at("10:00") },
      body: { name: "别处访客", idType: "passport", idNumber: "E99887766", hostUnitId: (await unitOf(OTHER)).id, hostContacted: true },
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);

    const page = await desk("agent", "/console/visitors", at("10:05"));
    const row = page.locator(`#visitors-inside tr[data-visitor="${id}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.locator("a[data-open=visitor]").click();
    const slip = page.locator(`#visitor-slip[data-visitor="${id}"]`);
    await slip.waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe(`/console/visitors/${id}`);
    expect(await page.locator("#slip-name").textContent()).toBe("孙来访");
    expect(await page.locator("#slip-id").textContent()).toBe("**************123X");
    expect(await slip.textContent()).not.toContain("330106");
    expect(await page.locator("#slip-host").textContent()).toContain(unit.label);
    expect(await page.locator("#slip-by").textContent()).toBe("王小丽(客服接待员)");
    expect(await slip.textContent()).toContain("送家具");
    expect(await slip.getAttribute("data-on-site")).toBe("true");
    // The desk's tab stays on: the slip is part of the visitors' screen.
    expect(await page.locator('nav.chips a[aria-current="page"]').getAttribute("href")).toBe("/console/visitors");
    await screenshot(page, "detail-visitor-slip");

    await printView(page, "#visitor-slip", "detail-visitor-slip-print");

    await slip.locator("button[data-action=out]").click();
    await expect.poll(() => slip.getAttribute("data-on-site"), { timeout: 20_000 }).toBe("false");
    expect(await page.locator("#slip-out").textContent()).toMatch(/\d{1,2}:\d{2}/);
    await page.click(".back a");
    await page.waitForSelector("#visitors-today", { timeout: 20_000 });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);

    await notFound(page, `/console/visitors/${elsewhere.body.id}`, "#visitor-slip", "/console/visitors");
    await screenshot(page, "detail-not-found");
  });

  it("a shift handover's page: open items, overdue milestones and notes; the supervisor opens the unsigned one from the inbox and signs it there", async () => {
    const agent = await session("agent", BRANCH);
    const unit = await unitOf(BRANCH);
    // A request the agent owns (首问负责): an open item, and its milestones are overdue a week on.
    const own = await api("POST", "/api/v1/console/requests", {
      token: agent.token,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: {
        channel: "phone",
        kind: "repair",
        category: "door-window",
        description: "单元门闭门器漏油",
        contact: { name: "钱先生", phone: "13700137888" },
        location: { unitId: unit.id },
      },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const weekOn = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const written = await api("POST", "/api/v1/console/handovers", {
      token: agent.token,
      headers: { "x-clock-at": weekOn },
      body: { shift: "day", notes: "地下车库B2照明有两盏不亮", items: ["快递柜钥匙在前台抽屉"] },
    });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    const sources = new Set((written.body.items as Array<{ source: string }>).map((i) => i.source));
    expect([...sources].sort()).toEqual(["milestone", "note", "request"]);

    const page = await desk("agent", "/console/handovers");
    const card = page.locator(`article[data-handover="${written.body.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.locator("a[data-open=handover]").click();
    const sheet = page.locator(`#handover-page[data-handover="${written.body.id}"]`);
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.getAttribute("data-status")).toBe("awaiting");
    expect(await sheet.locator("section[data-section=request]").textContent()).toContain(own.body.trackingCode);
    expect(await sheet.locator("section[data-section=milestone] li").count()).toBeGreaterThan(0);
    expect(await sheet.locator("section[data-section=note]").textContent()).toContain("快递柜钥匙在前台抽屉");
    expect(await sheet.textContent()).toContain("地下车库B2照明有两盏不亮");
    expect(await page.locator("#handover-signature").textContent()).toBe("尚未签收");
    // The one who wrote it may still correct it here; nobody signs their own handover.
    expect(await page.locator("#handover-act button[data-action=save-edit]").count()).toBe(1);
    expect(await page.locator("#handover-act button[data-action=sign]").count()).toBe(0);
    await screenshot(page, "detail-handover");
    await printView(page, "#handover-page", "detail-handover-print");

    // Written 40 minutes ago and still unsigned: the sweep tells the supervisors, whose inbox item opens the page.
    const late = await api("POST", "/api/v1/console/handovers", {
      token: agent.token,
      headers: { "x-clock-at": new Date(Date.now() - 40 * 60_000).toISOString() },
      body: { shift: "night", items: ["南门道闸抬杆故障待厂家", "3栋电梯维保单待签字"] },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect((await api("POST", "/api/v1/dev/sweep")).status).toBe(200);
    const sup = await desk("serviceSupervisor", "/console");
    const link = sup.locator(`#inbox-items a[href="/console/handovers/${late.body.id}"]`);
    await link.waitFor({ timeout: 40_000 });
    await link.click();
    const signing = sup.locator(`#handover-page[data-handover="${late.body.id}"]`);
    await signing.waitFor({ timeout: 20_000 });
    const gate = sup.locator("#handover-act label[data-item]", { hasText: "南门道闸抬杆故障待厂家" });
    await gate.locator("input").uncheck();
    expect(await sup.locator("#handover-act p.error").textContent()).toContain("1");
    await screenshot(sup, "detail-handover-sign");
    await sup.locator("#handover-act button[data-action=sign]").click();
    await expect.poll(() => signing.getAttribute("data-status"), { timeout: 20_000 }).toBe("partial");
    expect(await signing.getAttribute("data-flagged")).toBe("true");
    expect(await sup.locator("#handover-signature").textContent()).toContain("李敏");
    expect(await signing.locator("li[data-taken=false]").textContent()).toContain("南门道闸抬杆故障待厂家");
    expect((await signing.locator("li[data-taken=true]").allTextContents()).join(" ")).toContain("3栋电梯维保单待签字");
    expect(await sup.locator("#handover-act").count()).toBe(0);
    await screenshot(sup, "detail-handover-signed");

    const other = await api("POST", "/api/v1/console/handovers", { token: (await session("agent", OTHER)).token, body: { shift: "day" } });
    expect(other.status).toBe(201);
    await notFound(sup, `/console/handovers/${other.body.id}`, "#handover-page", "/console/handovers");
  });

  it("supervisor: opens a notice from the list as residents will read it, with its history; approves it there; another branch's is not found", async () => {
    const agent = await session("agent", BRANCH);
    const title = `二次供水水箱清洗 ${Date.now() % 100000}`;
    const drafted = await api("POST", "/api/v1/console/notices", {
      token: agent.token,
      body: { title, body: "本周四 9:00–15:00 清洗二次供水水箱,期间可能水压偏低。", category: "services" },
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    expect((await api("POST", `/api/v1/console/notices/${drafted.body.id}/submit`, { token: agent.token, body: {} })).status).toBe(200);

    const sup = await desk("serviceSupervisor", "/console/notices");
    const row = sup.locator(`details.notice[data-notice="${drafted.body.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.locator("a[data-open=notice]").click();
    const sheet = sup.locator(`#notice-page[data-notice="${drafted.body.id}"]`);
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sup.locator("#notice-page h2").textContent()).toBe(title);
    expect(await sheet.getAttribute("data-status")).toBe("pending");
    // As residents read it: the branch's phones appended.
    expect(await sheet.locator("[data-preview=notice]").textContent()).toContain("0571-55550301");
    await expect
      .poll(() => sheet.locator("#notice-history li").allTextContents(), { timeout: 20_000 })
      .toEqual([expect.stringContaining("王小丽(客服接待员) · 起草"), expect.stringContaining("王小丽(客服接待员) · 提交审批")]);
    expect(await sup.locator('.topbar a[href="/console/notices"]').getAttribute("aria-current")).toBe("page");
    await screenshot(sup, "detail-notice");

    await sup.locator("button[data-action=approve]").click();
    await expect.poll(() => sheet.getAttribute("data-status"), { timeout: 20_000 }).toBe("published");
    await expect
      .poll(() => sheet.locator("#notice-history li").last().textContent(), { timeout: 20_000 })
      .toContain("李敏(客服中心主管) · 审批发布");
    await printView(sup, "#notice-page", "detail-notice-print");

    const other = await api("POST", "/api/v1/console/notices", {
      token: (await session("agent", OTHER)).token,
      body: { title: "别处通知", body: "x", category: "services" },
    });
    expect(other.status).toBe(201);
    await notFound(sup, `/console/notices/${other.body.id}`, "#notice-page", "/console/notices");
  });

  it("supervisor: opens a forum meeting from the list, replies to a point there; another branch's is not found", async () => {
    const sup = await session("serviceSupervisor", BRANCH);
    const minutes = `三季度业主恳谈会 ${Date.now() % 100000}:物业费收支公示、电梯更新计划。`;
    const meeting = await api("POST", "/api/v1/console/forum/meetings", {
      token: sup.token,
      body: {
        heldAt: at("19:00"),
        attendees: 31,
        minutes,
        points: [{ text: "电梯更新什么时候开始", raisedBy: "5栋业主" }, { text: "希望公示维修基金使用明细" }],
      },
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);

    const page = await desk("serviceSupervisor", "/console/forum");
    const card = page.locator(`article[data-meeting="${meeting.body.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.locator("a[data-open=meeting]").click();
    const sheet = page.locator(`#meeting-page[data-meeting="${meeting.body.id}"]`);
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.textContent()).toContain(minutes);
    expect(await sheet.textContent()).toContain("31 人参会");
    expect(await sheet.locator(".point").count()).toBe(2);
    expect(await page.locator("#meeting-answered").textContent()).toBe("0/2 条已答复");
    expect(await sheet.getAttribute("data-published")).toBe("false");

    const form = sheet.locator(".point", { hasText: "电梯更新什么时候开始" }).locator(".reply-form");
    await form.locator("input").fill("年内完成招标,明年三月起逐台更新");
    await form.locator("button[type=submit]").click();
    await sheet.locator(".reply", { hasText: "年内完成招标" }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator("#meeting-answered").textContent(), { timeout: 20_000 }).toBe("1/2 条已答复");
    expect(await sheet.locator(".reply:not(.print-only)").textContent()).toContain("李敏(客服中心主管)");
    // On screen the open point has its reply form; on paper it says the reply is being prepared.
    expect(await sheet.locator(".print-only").isVisible()).toBe(false);
    expect(await sheet.getAttribute("data-open")).toBe("1");
    await screenshot(page, "detail-forum-meeting");
    await printView(page, "#meeting-page", "detail-forum-meeting-print", async () => {
      expect(await sheet.locator(".print-only").textContent()).toBe("物业正在研究答复。");
      expect(await sheet.locator(".print-only").isVisible()).toBe(true);
      expect(await sheet.locator(".reply-form").isVisible()).toBe(false);
    });

    const other = await api("POST", "/api/v1/console/forum/meetings", {
      token: (await session("serviceSupervisor", OTHER)).token,
      body: { heldAt: at("19:00"), attendees: 5, minutes: "别处纪要", points: [{ text: "别处问题" }] },
    });
    expect(other.status).toBe(201);
    await notFound(page, `/console/forum/${other.body.id}`, "#meeting-page", "/console/forum");
  });

  it("branch manager: an emergency notice is published at once through its own operation, said so before sending; an agent's waits", async () => {
    // An agent choosing the emergency category drafts it like any other notice: nothing says "at once".
    const agentPage = await desk("agent", "/console/notices");
    await agentPage.click("#new-notice");
    await agentPage.selectOption("#notice-category", "emergency");
    expect(await agentPage.locator("#emergency-at-once").count()).toBe(0);
    expect(await agentPage.locator("#notice-form button[type=submit]").textContent()).toBe("保存草稿");

    const page = await desk("branchManager", "/console/notices");
    await page.click("#new-notice");
    const title = `停水通知 ${Date.now() % 100000}`;
    await page.fill("#notice-title", title);
    await page.selectOption("#notice-category", "emergency");
    await page.fill("#notice-body", "6栋主水管爆裂抢修,今晚22:00前停水。");
    const said = page.locator("#emergency-at-once");
    await said.waitFor({ timeout: 20_000 });
    expect(await said.textContent()).toContain("立即推送");
    expect(await said.textContent()).toContain("事后由客服中心主管审批");
    expect(await page.locator("#notice-publish").count()).toBe(0);
    expect(await page.locator("#notice-form button[type=submit]").textContent()).toBe("立即发布");
    await screenshot(page, "detail-emergency-before-sending");

    const sent = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname.startsWith("/api/v1/console/notices"));
    await page.click("#notice-form button[type=submit]");
    expect(new URL((await sent).url()).pathname).toBe("/api/v1/console/notices/emergency");
    const row = page.locator("details.notice", { hasText: title });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute("data-status")).toBe("emergencyPending");
    // Residents read it now, before anyone approved it.
    await expect
      .poll(
        async () =>
          ((await api("GET", `/api/v1/public/branches/${BRANCH}`)).body.notices as Array<{ title: string }>).some((n) => n.title === title),
        { timeout: 20_000 },
      )
      .toBe(true);
    await row.locator("a[data-open=notice]").click();
    const sheet = page.locator("#notice-page[data-status=emergencyPending]");
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.locator("#notice-history li").allTextContents()).toEqual([
      expect.stringContaining("周经理(项目经理) · 紧急发布(事后补批)"),
    ]);
    expect(await sheet.textContent()).toContain("尚未审批");
    await screenshot(page, "detail-emergency-published");
  });
});
