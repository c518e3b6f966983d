import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, session } from "./api.ts";
import { join } from "node:path";
import { launch, SCREENSHOTS, screenshot } from "./browser.ts";
import { base, clickNav, signIn } from "./console.ts";

// The branch manager changes single places and staff in the browser (issues 19 and 18), in Debian Chromium at
// 1366×768: renames a building, adds a unit and changes its area, renames a public area, edits an agent's skills
// and communities; a save over someone else's change (made meanwhile through the API) says so; an agent sees no
// edit controls and the API refuses them. The branch holds a few hundred units, folded per building.

const BRANCH = "binjiang";
const desk = { viewport: { width: 1366, height: 768 }, locale: "zh-CN" } as const;
const PLACES = "/api/v1/console/places";
const stamp = String(Date.now() % 1e6);

type Row = { id: string; version: number; name?: string; number?: string; area?: number | null };
async function places(token: string) {
  const res = await api("GET", PLACES, { token });
  expect(res.status).toBe(200);
  return res.body as { communities: Row[]; buildings: Row[]; units: Row[]; publicAreas: Row[] };
}
const created = (res: Awaited<ReturnType<typeof api>>) => {
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Row;
};
const ifMatch = (v: number) => ({ "if-match": `"${v}"` });

/** 240 units in 3 buildings of 80 (8 entrances × 10 floors), as a manager would import them. */
function sheet(): string[][] {
  const rows = [["楼栋", "单元", "房号", "面积"]];
  for (let i = 0; i < 240; i++) {
    const floor = (i % 10) + 1;
    rows.push([
      `${Math.floor(i / 80) + 11}栋`,
      `${Math.floor((i % 80) / 10) + 1}单元`,
      `${floor}0${Math.floor((i % 80) / 10) + 1}`,
      "96.5",
    ]);
  }
  return rows;
}

describe("the branch manager changes places and staff in the browser", () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let manager: string;
  let community: Row;
  let building: Row;
  let gate: Row;
  let agent: Row;

  beforeAll(async () => {
    manager = (await session("branchManager", BRANCH)).token;
    community = (await places(manager)).communities[0]!;
    const imported = await api("POST", `${PLACES}/import`, {
      token: manager,
      body: { communityId: community.id, dryRun: false, rows: sheet() },
    });
    expect(imported.body.unitsCreated, JSON.stringify(imported.body)).toBe(240);
    building = created(
      await api("POST", `${PLACES}/buildings`, { token: manager, body: { communityId: community.id, name: `临时楼${stamp}` } }),
    );
    gate = created(
      await api("POST", `${PLACES}/public-areas`, {
        token: manager,
        body: { communityId: community.id, kind: "gate", name: `东门${stamp}` },
      }),
    );
    agent = created(
      await api("POST", "/api/v1/console/staff", {
        token: manager,
        body: { name: `客服 小林${stamp}`, role: "agent", phone: `139${stamp.padStart(8, "0")}` },
      }),
    );
    browser = await launch();
    ctx = await browser.newContext(desk);
    page = await signIn(ctx, "/console/places", "branchManager", BRANCH);
    await page.waitForSelector("#places-page li[data-building]", { timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows hundreds of units folded per building, readable at 1366 px", async () => {
    await expect.poll(() => page.locator('li[data-building="12栋"] summary').textContent()).toContain("80 户");
    expect(await page.locator("details.units[open]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await screenshot(page, "places-staff-overview");
    await page.click('li[data-building="12栋"] summary');
    await expect.poll(() => page.locator('li[data-building="12栋"] .unit-grid li').count()).toBe(80);
    await page.locator('li[data-building="12栋"]').scrollIntoViewIfNeeded();
    // The screen as the manager sees it (not the whole page): one building open among the others.
    await page.screenshot({ path: join(SCREENSHOTS, "places-staff-units-open.png") });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.click('li[data-building="12栋"] summary');
  });

  it("renames a building in place; an empty name is refused on the field", async () => {
    const row = page.locator(`li[data-building="临时楼${stamp}"]`);
    await row.locator('.place-row button[data-action="edit"]').click();
    const form = page.locator(`#edit-${building.id}`);
    await form.locator(`#edit-${building.id}-name`).fill(" ");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => form.locator(".field.invalid .error").textContent()).toContain("请填写");
    await form.locator(`#edit-${building.id}-name`).fill(`9号楼${stamp}`);
    await form.locator("button[type=submit]").click();
    await page.locator(`li[data-building="9号楼${stamp}"] .place-row`).waitFor({ timeout: 20_000 });
    const saved = (await places(manager)).buildings.find((b) => b.id === building.id)!;
    expect(saved).toMatchObject({ name: `9号楼${stamp}`, version: 2 });
    building = saved;
  });

  it("adds a unit to the building (a taken number is named on its field) and changes its area", async () => {
    const row = page.locator(`li[data-building="9号楼${stamp}"]`);
    await row.locator("summary").click();
    await row.locator('button[data-action="add-unit"]').click();
    const add = page.locator(`#add-unit-${building.id}`);
    expect(await add.locator(`#add-unit-${building.id}-building`).inputValue()).toBe(building.id);
    await add.locator(`#add-unit-${building.id}-entrance`).fill("1单元");
    await add.locator(`#add-unit-${building.id}-number`).fill("0901");
    await add.locator(`#add-unit-${building.id}-area`).fill("88.5");
    await add.locator("button[type=submit]").click();
    const unit = row.locator('.unit-grid li[data-unit="0901"]');
    await unit.waitFor({ timeout: 20_000 });
    expect(await unit.textContent()).toContain("88.5 m²");

    // The same number again: the API's 409 names the field (problem+json errors[]), shown under 房号.
    await add.locator(`#add-unit-${building.id}-number`).fill("0901");
    await add.locator("button[type=submit]").click();
    await expect.poll(() => add.locator(".field.invalid .error").textContent(), { timeout: 20_000 }).toContain("重复");
    await add.locator(`#add-unit-${building.id}-area`).fill("九十");
    await add.locator("button[type=submit]").click();
    await expect.poll(() => add.locator(".field.invalid .error").allTextContents()).toEqual(["请填写数字,例如 89.5"]);
    await screenshot(page, "places-staff-unit-errors");
    await add.locator("button.ghost").click();

    const id = (await unit.getAttribute("data-id"))!;
    await unit.locator('button[data-action="edit"]').click();
    await page.locator(`#edit-${id}-area`).fill("92");
    await screenshot(page, "places-staff-unit-edit");
    await page.locator(`#edit-${id} button[type=submit]`).click();
    await expect.poll(() => row.locator('.unit-grid li[data-unit="0901"]').textContent(), { timeout: 20_000 }).toContain("92 m²");
    expect((await places(manager)).units.find((u) => u.id === id)).toMatchObject({ number: "0901", area: 92, version: 2 });
  });

  it("renames a public area", async () => {
    const row = page.locator(`li[data-area="东门${stamp}"]`);
    await row.locator('button[data-action="edit"]').click();
    const form = page.locator(`#edit-${gate.id}`);
    expect(await form.locator(`#edit-${gate.id}-kind`).inputValue()).toBe("gate");
    await form.locator(`#edit-${gate.id}-name`).fill(`东门岗亭${stamp}`);
    await form.locator("button[type=submit]").click();
    await page.locator(`li[data-area="东门岗亭${stamp}"]`).waitFor({ timeout: 20_000 });
    expect((await places(manager)).publicAreas.find((a) => a.id === gate.id)).toMatchObject({ name: `东门岗亭${stamp}`, version: 2 });
  });

  it("a save over someone else's change says so, shows their version, and the next save goes through", async () => {
    await page.locator(`li[data-building="9号楼${stamp}"] .place-row button[data-action="edit"]`).click();
    const form = page.locator(`#edit-${building.id}`);
    const name = form.locator(`#edit-${building.id}-name`);
    // Meanwhile a colleague renames it (version 2 → 3).
    const theirs = await api("PATCH", `${PLACES}/buildings/${building.id}`, {
      token: manager,
      headers: ifMatch(building.version),
      body: { name: `9号楼(同事改)${stamp}` },
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await name.fill(`9号楼(我改)${stamp}`);
    await form.locator("button[type=submit]").click();
    await expect.poll(() => form.locator(".error-box").textContent(), { timeout: 20_000 }).toContain("其他人刚修改");
    await expect.poll(() => name.inputValue(), { timeout: 20_000 }).toBe(`9号楼(同事改)${stamp}`);
    await screenshot(page, "places-staff-stale");
    expect((await places(manager)).buildings.find((b) => b.id === building.id)).toMatchObject({
      name: `9号楼(同事改)${stamp}`,
      version: 3,
    });

    await name.fill(`9号楼(我改)${stamp}`);
    await form.locator("button[type=submit]").click();
    await page.locator(`li[data-building="9号楼(我改)${stamp}"] .place-row`).waitFor({ timeout: 20_000 });
    expect((await places(manager)).buildings.find((b) => b.id === building.id)).toMatchObject({ version: 4 });
  });

  it("edits an agent's skills and communities; a stale edit says so", async () => {
    await clickNav(page, "/console/staff");
    const row = page.locator(`#staff-list tr[data-member="${agent.id}"]`);
    await row.locator('button[data-action="edit"]').click();
    const form = page.locator(`#edit-staff-${agent.id}`);
    await form.locator(`#edit-staff-${agent.id}-skills input[value="plumbing"]`).check();
    await form.locator(`#edit-staff-${agent.id}-skills input[value="electrical"]`).check();
    await form.locator(`#edit-staff-${agent.id}-communities input[value="${community.id}"]`).check();
    await form.locator(`#edit-staff-${agent.id}-name`).fill(`客服 林晓${stamp}`);
    await screenshot(page, "places-staff-agent-edit");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => row.locator(".serves").textContent(), { timeout: 20_000 }).toContain("水暖");
    expect(await row.locator(".serves").textContent()).toContain(community.name);
    expect(await page.locator(`#edit-staff-${agent.id}`).count()).toBe(0);
    const list = await api("GET", "/api/v1/console/staff", { token: manager });
    const saved = list.body.items.find((m: { id: string }) => m.id === agent.id);
    expect(saved).toMatchObject({ name: `客服 林晓${stamp}`, skills: ["plumbing", "electrical"], communities: [community.id], version: 2 });
    await screenshot(page, "places-staff-staff-list");

    await row.locator('button[data-action="edit"]').click();
    const theirs = await api("PATCH", `/api/v1/console/staff/${agent.id}`, {
      token: manager,
      headers: ifMatch(2),
      body: { skills: ["general"] },
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await form.locator(`#edit-staff-${agent.id}-skills input[value="plumbing"]`).uncheck();
    await form.locator("button[type=submit]").click();
    await expect.poll(() => form.locator(".error-box").textContent(), { timeout: 20_000 }).toContain("其他人刚修改");
    await expect.poll(() => form.locator(`#edit-staff-${agent.id}-skills input[value="general"]`).isChecked()).toBe(true);
    expect(await form.locator(`#edit-staff-${agent.id}-skills input[value="electrical"]`).isChecked()).toBe(false);
    await screenshot(page, "places-staff-staff-stale");
    const after = (await api("GET", "/api/v1/console/staff", { token: manager })).body.items.find((m: { id: string }) => m.id === agent.id);
    expect(after).toMatchObject({ skills: ["general"], version: 3 });
  });

  it("reads in English too", async () => {
    const en = await browser.newContext({ ...desk, locale: "en" });
    await en.addInitScript(() => localStorage.setItem("locale", "en"));
    const p = await signIn(en, "/console/places", "branchManager", BRANCH);
    const row = p.locator(`li[data-building="9号楼(我改)${stamp}"]`);
    await row.locator("summary").click();
    await row.locator('.unit-grid li[data-unit="0901"] button').click();
    expect(await p.locator("#places-page h1").textContent()).toBe("Communities, buildings and units");
    expect(await row.locator("form.place-form label").allTextContents()).toEqual(["Entrance (单元)", "Unit number (房号)", "Area (m²)"]);
    await screenshot(p, "places-staff-en");
    await en.close();
  });

  it("an agent sees no edit controls, and the API refuses the changes", async () => {
    const agentCtx = await browser.newContext(desk);
    const agentPage = await signIn(agentCtx, "/console/places", "agent", BRANCH);
    await agentPage.waitForSelector("#whoami", { timeout: 30_000 });
    await agentPage.waitForLoadState("networkidle");
    expect(await agentPage.locator('a[href="/console/places"], a[href="/console/staff"]').count()).toBe(0);
    expect(await agentPage.locator("#places-page, form.place-form, [data-action=edit]").count()).toBe(0);
    await screenshot(agentPage, "places-staff-agent-places");
    await agentPage.goto(`${base()}/console/staff`);
    await agentPage.waitForSelector("#whoami", { timeout: 30_000 });
    await agentPage.waitForLoadState("networkidle");
    expect(await agentPage.locator("#staff-list, form.staff-form, [data-action=edit]").count()).toBe(0);
    await agentCtx.close();

    const { token } = await session("agent", BRANCH);
    const refused = [
      await api("PATCH", `${PLACES}/buildings/${building.id}`, { token, headers: ifMatch(4), body: { name: "不该改" } }),
      await api("PATCH", `${PLACES}/communities/${community.id}`, { token, headers: ifMatch(community.version), body: { name: "不该改" } }),
      await api("PATCH", `${PLACES}/public-areas/${gate.id}`, { token, headers: ifMatch(2), body: { name: "不该改" } }),
      await api("POST", `${PLACES}/units`, { token, body: { buildingId: building.id, number: "0902" } }),
      await api("PATCH", `/api/v1/console/staff/${agent.id}`, { token, headers: ifMatch(3), body: { skills: [] } }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    const now = await places(manager);
    expect(now.buildings.find((b) => b.id === building.id)).toMatchObject({ name: `9号楼(我改)${stamp}`, version: 4 });
    expect(now.units.filter((u) => u.number === "0902" && (u as { buildingId?: string }).buildingId === building.id)).toHaveLength(0);
  });
});
