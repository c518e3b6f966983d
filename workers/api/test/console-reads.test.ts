import { env } from "cloudflare:test";
import { READ_AUDIT_WINDOW_MS } from "@wuye/core";
import { openDatabases } from "@wuye/db";
import { describe, expect, it } from "vitest";
import { call, subjectOf, tokenFor } from "./helpers.ts";

const C = "/api/v1/console";
const detail = (id: string, token: string, headers: Record<string, string> = {}) => call("GET", `${C}/requests/${id}`, { token, headers });

async function newComplaint(phone: string) {
  const made = await call("POST", "/api/v1/public/branches/yangguang/requests", {
    body: {
      kind: "complaint",
      category: "attitude",
      description: "保安态度差",
      contact: { name: "孙", phone },
      location: { area: "东门" },
    },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body as { id: string; trackingCode: string };
}

const branchDb = async () => {
  const dbs = openDatabases(env);
  return dbs.branchDb((await dbs.branch({ slug: "yangguang" }))!);
};

/** The audit rows of staff reads of one request, oldest first. */
async function readsOf(id: string) {
  const db = await branchDb();
  const rs = await db.$client.execute({
    sql: "select actor_id, actor_role, detail, at from audit_log where subject_type = 'request' and subject_id = ? and action = 'request.readResident' order by at",
    args: [id],
  });
  return rs.rows.map((r) => ({
    actorId: String(r.actor_id),
    actorRole: String(r.actor_role),
    detail: JSON.parse(String(r.detail)),
    at: Number(r.at),
  }));
}

describe("the console's request page polls with ETag and audits one read per staff member and 10 minutes", () => {
  it("answers 304 while unchanged, 200 with a new ETag after a change, and the ETag still serves as If-Match", async () => {
    const { id } = await newComplaint("13700137401");
    const agent = await tokenFor("agent");
    const first = await detail(id, agent);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(new RegExp(`^"${first.body.version}\\.[0-9a-f]{32}"$`));
    for (const inm of [etag, `W/${etag}`, `"1", ${etag}`]) {
      const same = await detail(id, agent, { "if-none-match": inm });
      expect(same.status, inm).toBe(304);
      expect(same.body).toBeNull();
      expect(same.headers.get("etag")).toBe(etag);
    }
    // A version-only tag (what the api answered before) is another view: a full answer.
    expect((await detail(id, agent, { "if-none-match": `"${first.body.version}"` })).status).toBe(200);

    // A reply, sent with the page's own ETag as If-Match: the view moves, 200 with a new tag.
    const r = await call("POST", `${C}/requests/${id}/replies`, {
      token: agent,
      body: { text: "您好,我们已联系保安主管" },
      headers: { "if-match": etag },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const after = await detail(id, agent, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.body.version).toBeGreaterThan(first.body.version);
    // The old tag as If-Match is now stale: 412, and nothing is sent.
    const stale = await call("POST", `${C}/requests/${id}/replies`, {
      token: agent,
      body: { text: "再次回复" },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
  });

  it("writes one audit row per staff member and request within 10 minutes, 304s included, and a new one after", async () => {
    const { id } = await newComplaint("13700137402");
    const agent = await tokenFor("agent");
    const manager = await tokenFor("branchManager");
    const first = await detail(id, agent);
    expect(first.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await detail(id, agent, { "if-none-match": first.headers.get("etag")! })).status).toBe(304);
    expect((await detail(id, agent)).status).toBe(200);
    let reads = await readsOf(id);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorId: subjectOf(agent), actorRole: "agent" });
    expect(reads[0]!.detail).toHaveProperty("residentId");

    // Another staff member's read is theirs to be audited.
    expect((await detail(id, manager)).status).toBe(200);
    reads = await readsOf(id);
    expect(reads.map((r) => r.actorId)).toEqual([subjectOf(agent), subjectOf(manager)]);

    // The agent's read moved back to just outside the window: the next read is audited again, once.
    const db = await branchDb();
    await db.$client.execute({
      sql: "update audit_log set at = at - ? where subject_id = ? and actor_id = ?",
      args: [READ_AUDIT_WINDOW_MS, id, subjectOf(agent)],
    });
    expect((await detail(id, agent)).status).toBe(200);
    expect((await detail(id, agent)).status).toBe(200);
    reads = await readsOf(id);
    expect(reads.filter((r) => r.actorId === subjectOf(agent))).toHaveLength(2);
  });

  it("answers 404 and audits nothing for an unknown request or another branch's, whatever If-None-Match says", async () => {
    const { id } = await newComplaint("13700137403");
    const other = await tokenFor("agent", "binjiang");
    expect((await detail(id, other, { "if-none-match": "*" })).status).toBe(404);
    expect((await detail("req_nope", await tokenFor("agent"), { "if-none-match": "*" })).status).toBe(404);
    expect(await readsOf(id)).toHaveLength(0);
    expect(await readsOf("req_nope")).toHaveLength(0);
  });
});

describe("the register polls with ETag", () => {
  it("answers 304 while the page is unchanged and 200 once a new request is on it", async () => {
    const agent = await tokenFor("agent");
    const page = () =>
      call("GET", `${C}/requests?limit=5&kind=complaint`, { token: agent, headers: etag ? { "if-none-match": etag } : {} });
    let etag = "";
    const first = await page();
    expect(first.status).toBe(200);
    etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.body.items[0].milestones.length).toBeGreaterThan(0);
    expect((await page()).status).toBe(304);
    const { id } = await newComplaint("13700137404");
    const next = await page();
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).toBe(id);
    expect(next.headers.get("etag")).not.toBe(etag);
  });
});
