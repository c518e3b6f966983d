import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, seededCommunity, tokenFor } from "./helpers.ts";

// Register search (ARCHITECTURE.md "Register search"): GET /console/requests?q= finds a request by its full
// tracking code, any 5-character group of it, the code without its branch prefix, the contact phone (full or its
// last 4 digits), the contact name, the unit as people write it, or words of the description.

const stamp = String(Date.now()).slice(-4);
const PHONE = `1368888${stamp}`;
const NAME = "慕容青枫";

async function unitOf(branch: string, nth: number) {
  // By name: other test files add communities to this branch, and those may sort last.
  const community = await seededCommunity(branch, "阳光花园二期");
  return { ...community.units.at(nth), community: community.name as string } as { id: string; label: string; community: string };
}

describe("register search", () => {
  let unit: Awaited<ReturnType<typeof unitOf>>;
  let code = "";
  beforeAll(async () => {
    unit = await unitOf("yangguang", -5);
    const made = await call("POST", "/api/v1/public/branches/yangguang/requests", {
      body: {
        kind: "repair",
        category: "door-window",
        description: "北面阳台推拉门卡住推不动",
        contact: { name: NAME, phone: PHONE },
        location: { unitId: unit.id },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    code = made.body.trackingCode;
  });
  const search = async (q: string, token?: string) => {
    const res = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent(q)}`, { token: token ?? (await tokenFor("agent")) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      items: Array<{ id: string; trackingCode: string; unitLabel: string | null; contactPhone: string }>;
      nextCursor: string | null;
    };
  };

  it.each([
    ["the full tracking code", () => code, true],
    ["the code in lower case", () => code.toLowerCase(), true],
    ["a 5-character group", () => code.split("-")[3]!, true],
    ["the code without its branch prefix", () => code.slice(code.indexOf("-") + 1), true],
    ["the full phone", () => PHONE, false],
    ["the last 4 digits of the phone", () => PHONE.slice(-4), false],
    ["the name", () => NAME, false],
    ["two characters of the name", () => NAME.slice(0, 2), false],
    ["the unit as labelled", () => unit.label, false],
    ["the unit written with a dash", () => unit.label.replace(/栋|幢/, "-"), false],
    ["the unit with its community", () => `${unit.community}${unit.label}`, false],
    ["words of the description", () => "推拉门 卡住", false],
  ])("finds it by %s", async (_way, query, alone) => {
    const page = await search(query());
    expect(page.items.map((i) => i.trackingCode)).toContain(code);
    if (alone) expect(page.items).toHaveLength(1);
    const item = page.items.find((i) => i.trackingCode === code)!;
    expect(item.unitLabel).toBe(`${unit.community} ${unit.label}`);
    expect(item.contactPhone).toBe(`${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`);
  });

  it("finds nothing in another branch, and nothing for what no request says", async () => {
    expect((await search(code, await tokenFor("agent", "binjiang"))).items).toEqual([]);
    expect((await search(NAME, await tokenFor("agent", "binjiang"))).items).toEqual([]);
    expect((await search("根本没有这样的描述内容")).items).toEqual([]);
    expect((await search('"漏水" OR *')).items).toEqual([]);
  });

  it("takes the domain's filters with it: category, channel and urgent first", async () => {
    const agent = await tokenFor("agent");
    const byCategory = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent(NAME)}&category=door-window&channel=portal`, {
      token: agent,
    });
    expect(byCategory.body.items.map((i: { trackingCode: string }) => i.trackingCode)).toContain(code);
    const elsewhere = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent(NAME)}&category=roof-leak`, { token: agent });
    expect(elsewhere.body.items).toEqual([]);
    const urgent = await call("GET", "/api/v1/console/requests?order=urgent&limit=50", { token: agent });
    const urgencies = urgent.body.items.map((i: { urgency: string }) => i.urgency);
    expect(urgencies.slice(urgencies.indexOf("normal")).includes("urgent")).toBe(false);
    // Paging a search: the cursor continues it.
    const first = await call("GET", `/api/v1/console/requests?q=${encodeURIComponent(unit.label)}&limit=1`, { token: agent });
    if (first.body.nextCursor) {
      const next = await call(
        "GET",
        `/api/v1/console/requests?q=${encodeURIComponent(unit.label)}&limit=1&cursor=${first.body.nextCursor}`,
        {
          token: agent,
        },
      );
      expect(next.status).toBe(200);
      expect(next.body.items[0]?.id).not.toBe(first.body.items[0].id);
    }
  });

  it("refuses garbage", async () => {
    const agent = await tokenFor("agent");
    expectProblem(await call("GET", `/api/v1/console/requests?q=${"x".repeat(101)}`, { token: agent }), 400, "q");
    expectProblem(await call("GET", "/api/v1/console/requests?order=oldest", { token: agent }), 400, "order");
    expectProblem(await call("GET", `/api/v1/console/requests?q=${code}`), 401);
  });
});
