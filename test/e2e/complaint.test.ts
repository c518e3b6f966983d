import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.ts";
import { base, signIn, step } from "./console.ts";

// A written complaint (信访) through its eight steps in the console, in Chromium: the agent records the letter,
// classifies, investigates, assigns responsibility and drafts the written reply; the service-center supervisor
// approves it (only then may it be handled); the agent handles, visits and summarizes; the supervisor archives.
// After each step the request page shows the new state; the resident sees the approved reply and nothing internal.
const DRAFT = "尊敬的业主:对于前台给您带来的不愉快,我们深表歉意,已对当班员工进行服务用语培训,感谢您的监督。";
const FINDINGS = "调取前台录音,确认当班客服答复不当";
const ROOT_CAUSE = "新员工未参加服务用语培训";
const LESSON = "前台忌用“不是我管的”,转介时说明由谁跟进";

const tracking = async (code: string) =>
  (await (await fetch(`${base()}/api/v1/public/requests/${code}`)).json()) as {
    status: string;
    timeline: Array<{ type: string; note: string }>;
  };
const has = (page: Page, action: string) => page.locator(`#step-buttons button[data-action="${action}"]`).count();

describe("a written complaint through its steps in the console", () => {
  let browser: Browser;
  let agentCtx: BrowserContext;
  let supervisorCtx: BrowserContext;

  beforeAll(async () => {
    browser = await launch();
    agentCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    supervisorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("agent, supervisor and resident each see the state after every step", async () => {
    // 1. Receive: the agent records the letter; the taker owns it.
    const agent = await signIn(agentCtx, "/console/new", "agent");
    await agent.waitForSelector("#new-request", { timeout: 20_000 });
    await agent.selectOption("#channel", "letter");
    await agent.selectOption("#kind", "complaint");
    await agent.selectOption("#category", "attitude");
    await agent.fill("#description", "来信投诉:前台客服态度恶劣,说“不是我管的”");
    await agent.fill("#area", "一期服务中心前台");
    await agent.fill("#contact-name", "孙先生");
    await agent.fill("#contact-phone", "13900139123");
    await agent.click("#new-request button[type=submit]");
    await agent.waitForSelector("#request", { timeout: 20_000 });
    expect(await agent.locator("#request").getAttribute("data-status")).toBe("received");
    expect(await agent.locator("#owner").textContent()).toBe("我");
    const requestPath = new URL(agent.url()).pathname;
    const code = (await agent.locator("#request h2 .code").textContent())!.trim();
    expect(code).toMatch(/^YGHY-/);

    // 2–4. Classify, investigate, assign responsibility.
    await step(
      agent,
      "classify",
      async (form) => {
        await form.locator("#step-nature").selectOption("valid");
        await form.locator("#step-content").selectOption("attitude");
        await form.locator("#step-reasonable").check();
        await form.locator("#step-demand").fill("要求当面道歉并改进服务");
      },
      "classified",
    );
    expect(await agent.locator("#request-state").textContent()).toBe("已分类");
    // Validated in the browser with the step's own schema: an empty finding is refused before any request.
    await agent.locator('#step-buttons button[data-action="investigate"]').click();
    await agent.locator('form[data-step="investigate"] button[type=submit]').click();
    expect(await agent.locator('form[data-step="investigate"] .error').count()).toBe(2);
    await agent.locator('#step-buttons button[data-action="investigate"]').click(); // closes the form
    await step(
      agent,
      "investigate",
      async (form) => {
        await form.locator("#step-findings").fill(FINDINGS);
        await form.locator("#step-rootCause").fill(ROOT_CAUSE);
      },
      "investigated",
    );
    await step(
      agent,
      "assign-responsibility",
      async (form) => {
        await form.locator("#step-department").fill("客服中心");
        await form.locator("#step-plan").fill("当面道歉,组织全员服务用语培训");
      },
      "assigned",
    );

    // A written complaint is handled only after its approved reply went out; the agent drafts it.
    expect(await has(agent, "handle")).toBe(0);
    expect(await has(agent, "approve-reply")).toBe(0);
    await step(
      agent,
      "draft-reply",
      async (form) => {
        await form.locator("#step-text").fill(DRAFT);
      },
      "assigned",
    );
    await screenshot(agent, "console-complaint-draft");
    // The draft is internal until approved.
    expect((await tracking(code)).timeline.map((e) => e.note)).not.toContain(DRAFT);

    // The supervisor approves and sends it: the 24-hour response milestone is met.
    const supervisor = await signIn(supervisorCtx, requestPath, "serviceSupervisor");
    await supervisor.waitForSelector("#request", { timeout: 20_000 });
    // The supervisor approves what is on the screen: the draft and the complaint, not a blind "备注" field.
    await step(
      supervisor,
      "approve-reply",
      async (form) => {
        expect(await form.locator("#reply-draft").textContent()).toBe(DRAFT);
        expect(await form.locator("#complaint-text").textContent()).toContain("前台客服态度恶劣");
        await screenshot(supervisor, "approve-reply-with-draft");
      },
      "assigned",
    );
    await expect
      .poll(() => supervisor.locator('#milestones li[data-milestone="response"]').getAttribute("data-status"), { timeout: 20_000 })
      .toBe("met");
    expect((await tracking(code)).timeline.map((e) => e.note)).toContain(DRAFT);

    // 5–7. Handle, follow-up visit (apologising again), summarize.
    await agent.reload();
    await agent.waitForSelector('#step-buttons button[data-action="handle"]', { timeout: 20_000 });
    await step(
      agent,
      "handle",
      async (form) => {
        await form.locator("#step-actions").fill("当面道歉,完成服务用语培训");
        await form.locator("#step-residentOpinion").fill("接受道歉,希望以后注意");
        await form.locator("#step-residentSigned").check();
      },
      "handled",
    );
    await step(
      agent,
      "visit",
      async (form) => {
        expect(await form.locator("#step-apologised").isChecked()).toBe(true);
        await form.locator("#step-score").fill("4");
      },
      "visited",
    );
    await step(
      agent,
      "summarize",
      async (form) => {
        await form.locator("#step-cause").fill("服务用语不当");
        await form.locator("#step-process").fill("道歉、培训、回访");
        await form.locator("#step-correctiveAction").fill("全员服务用语培训");
        await form.locator("#step-preventiveAction").fill("新员工上岗前考核服务用语");
        await form.locator("#step-lesson").fill(LESSON);
        await form.locator("#step-department").fill("客服中心");
      },
      "summarized",
    );
    // Archiving is the supervisor's.
    expect(await has(agent, "archive")).toBe(0);

    // 8. Archive.
    await supervisor.reload();
    await supervisor.waitForSelector('#step-buttons button[data-action="archive"]', { timeout: 20_000 });
    await step(supervisor, "archive", async () => undefined, "archived");
    expect(await supervisor.locator("#request-state").textContent()).toBe("已归档");
    await supervisor.waitForSelector("#no-actions", { timeout: 20_000 });
    await screenshot(supervisor, "console-complaint-archived");

    // The summary fed the case library.
    await agent.goto(`${base()}/console/cases`);
    const entry = agent.locator('#case-list li[data-source="complaint"]', { hasText: LESSON });
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.textContent()).toContain("客服中心");

    // The resident's tracking page: archived, the approved reply, nothing of the investigation.
    const resident = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
    });
    const portal = await resident.newPage();
    await portal.goto(`${base()}/b/yangguang/t/${code}`);
    await expect.poll(() => portal.locator("#tracking").getAttribute("data-status"), { timeout: 20_000 }).toBe("archived");
    expect(await portal.locator("#workflow-state").textContent()).toBe("已归档");
    const page = (await portal.locator("#tracking").textContent())!;
    expect(page).toContain(DRAFT);
    for (const internal of [FINDINGS, ROOT_CAUSE, LESSON, "客服中心"]) expect(page).not.toContain(internal);
    await screenshot(portal, "portal-complaint-tracking");
    await resident.close();
  });
});
