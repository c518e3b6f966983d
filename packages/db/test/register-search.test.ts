import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@wuye/libsql-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BranchDb, createBranchDb, createLibsqlClient } from "../src/client/index.ts";
import { migrate } from "../src/migrate/index.ts";
import { insertRequest } from "../src/repo/intake.ts";
import { explainRegisterSearch, listRequests, type RegisterCursor, type RegisterFilter } from "../src/repo/register.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let db: BranchDb;
const TOKEN = "search-test-token";

interface Seed {
  code: string;
  name: string;
  phone: string;
  unit?: string;
  area?: string;
  description: string;
  urgency?: string;
  status?: string;
}
const SEEDS: Seed[] = [
  { code: "YG-ABCDE-FGHJK-LMNPQ-RSTUV", name: "张伟", phone: "13812345678", unit: "阳光花园一期 1栋502", description: "厨房水管漏水" },
  {
    code: "YG-WXYZ2-34A67-89ABC-DEFGH",
    name: "王芳芳",
    phone: "13987654321",
    unit: "阳光花园二期 2栋301",
    description: "电梯停在三楼不动",
  },
  {
    code: "YG-JKLMN-PQRST-UVWXY-Z2345",
    name: "李四",
    phone: "13700001111",
    area: "地下车库B区",
    description: "车库灯不亮",
    urgency: "urgent",
    status: "dispatched",
  },
  { code: "YG-NPQRS-TUVWX-YZ234-56789", name: "赵六", phone: "13600005678", unit: "阳光花园一期 11栋502", description: "卫生间漏水了" },
];

async function seed(i: number, s: Seed) {
  const id = `req_${String(i).padStart(4, "0")}`;
  const at = 1_000 + i;
  await insertRequest(db, {
    request: {
      id,
      trackingCode: s.code,
      kind: "repair",
      urgency: s.urgency ?? "normal",
      status: s.status ?? "received",
      channel: "portal",
      description: s.description,
      contactName: s.name,
      contactPhone: s.phone,
      unitLabel: s.unit ?? null,
      area: s.area ?? null,
      createdAt: at,
      updatedAt: at,
    },
    event: { id: `evt_${i}`, requestId: id, type: "request.created", data: {}, at },
    milestones: [],
    outbox: [{ id: `obx_${i}`, topic: "request-events", payload: {}, createdAt: at }],
  });
}

const codes = async (q: string, extra: Partial<RegisterFilter> = {}) =>
  (await listRequests(db, { q, limit: 50, ...extra })).map((r) => r.trackingCode);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wuye-search-"));
  server = await startServer({ dataDir: dir, port: 0, authToken: TOKEN });
  await fetch(`${server.url}/v1/databases`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: '{"name":"s"}' });
  const client = createLibsqlClient({ url: `${server.url}/db/s/`, authToken: TOKEN });
  await migrate(client, "branch");
  db = createBranchDb(client);
  for (const [i, s] of SEEDS.entries()) await seed(i + 1, s);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("register search finds one request", () => {
  const [zhang, wang, li, zhao] = SEEDS.map((s) => s.code);
  it.each([
    ["the full tracking code", "YG-ABCDE-FGHJK-LMNPQ-RSTUV", [zhang]],
    ["the code in lower case", "yg-abcde-fghjk-lmnpq-rstuv", [zhang]],
    ["a 5-character group", "FGHJK", [zhang]],
    ["the code without its branch prefix", "ABCDE-FGHJK-LMNPQ-RSTUV", [zhang]],
    ["the code without dashes", "ABCDEFGHJKLMNPQRSTUV", [zhang]],
    ["the full phone", "13812345678", [zhang]],
    ["the phone as spoken", "138 1234 5678", [zhang]],
    ["the last 4 digits of the phone", "4321", [wang]],
    ["a 2-character name", "张伟", [zhang]],
    ["a 3-character name", "王芳芳", [wang]],
    ["a unit written 1栋502", "1栋502", [zhang]],
    ["a unit written 2-301", "2-301", [wang]],
    ["a unit written 1幢502室", "1幢502室", [zhang]],
    ["a unit with its community", "阳光花园二期 2栋301", [wang]],
    ["a public area", "车库B区", [li]],
    ["a word of the description", "电梯", [wang]],
    ["a longer phrase of the description", "停在三楼", [wang]],
    ["two words", "漏水 卫生间", [zhao]],
    ["the last character of a column", "了", [zhao]],
    ["words with a one-character word, as typed", "卫生间漏水 了", []],
  ])("by %s", async (_way, q, expected) => {
    expect(await codes(q)).toEqual(expected);
  });

  it("finds every request with a common word, newest first, and nothing for what no request says", async () => {
    expect(await codes("漏水")).toEqual([zhao, zhang]);
    expect(await codes("5678")).toEqual([zhao, zhang]);
    expect(await codes("1栋502")).toEqual([zhang]); // not 11栋502
    expect(await codes("燃气")).toEqual([]);
    expect(await codes("不存在的描述")).toEqual([]);
  });

  it("reads query syntax as text", async () => {
    for (const q of ['"', '漏水" OR "电梯', "NEAR(漏水 电梯)", "*", "body:电梯", "^漏", "a AND b", "'; drop table requests; --"])
      expect(await codes(q)).toEqual([]);
    expect(await codes("电梯")).toEqual([wang]);
  });

  it("combines with the register's filters and pages by cursor", async () => {
    expect(await codes("漏水", { status: "dispatched" })).toEqual([]);
    expect(await codes("阳光花园", { kind: "repair" })).toEqual([zhao, wang, zhang]);
    const seen: string[] = [];
    let cursor: RegisterCursor | undefined;
    for (;;) {
      const page = await listRequests(db, { q: "阳光花园", limit: 2, cursor });
      seen.push(...page.map((r) => r.trackingCode));
      if (page.length < 2) break;
      cursor = page.at(-1)!.cursor;
    }
    expect(seen).toEqual([zhao, wang, zhang]);
  });

  it("orders urgent first, with and without a search", async () => {
    expect((await listRequests(db, { limit: 10, order: "urgent" })).map((r) => r.trackingCode)).toEqual([li, zhao, wang, zhang]);
    expect(await codes("不", { order: "urgent" })).toEqual([li, wang]);
    const first = await listRequests(db, { limit: 1, order: "urgent" });
    const rest = await listRequests(db, { limit: 10, order: "urgent", cursor: first[0]!.cursor });
    expect(rest.map((r) => r.trackingCode)).toEqual([zhao, wang, zhang]);
  });

  it("follows a corrected description, and forgets a deleted request", async () => {
    await db.$client.execute("update requests set description = '燃气表漏气' where id = 'req_0002'");
    expect(await codes("燃气")).toEqual([wang]);
    expect(await codes("电梯")).toEqual([]);
    await db.$client.execute("delete from request_events where request_id = 'req_0002'");
    await db.$client.execute("delete from requests where id = 'req_0002'");
    expect(await codes("燃气")).toEqual([]);
  });

  it("drives the query from the full-text index", async () => {
    const { plan } = await explainRegisterSearch(db, "漏水");
    expect(plan.join("\n")).toMatch(/VIRTUAL TABLE/);
    expect(plan.join("\n")).not.toMatch(/SCAN requests/);
  });
});
