import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, start } from "./helpers.ts";

let server: Awaited<ReturnType<typeof start>>;
let base: string;

beforeAll(async () => {
  server = await start({ maxBodyBytes: 1024 * 1024, streamIdleTimeoutMs: 300 });
  base = await createDb(server.url, "garbage");
  const c = createClient({ url: base });
  await c.execute("CREATE TABLE t (a, b)");
  c.close();
});
afterAll(async () => {
  await server.close();
});

async function post(path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as any, text };
}

function pipeline(requests: unknown[], baton: string | null = null) {
  return post("v2/pipeline", JSON.stringify({ baton, requests }));
}

async function assertAlive() {
  const r = await pipeline([{ type: "execute", stmt: { sql: "SELECT 40 + 2 AS x" } }, { type: "close" }]);
  expect(r.status).toBe(200);
  expect(r.json.results[0].response.result.rows[0][0]).toEqual({ type: "integer", value: "42" });
}

describe("garbage input never takes the server down", () => {
  it("rejects invalid JSON and wrong body shapes with 4xx", async () => {
    expect((await post("v2/pipeline", "{not json")).status).toBe(400);
    expect((await post("v2/pipeline", "[]")).status).toBe(400);
    expect((await post("v2/pipeline", "null")).status).toBe(400);
    expect((await post("v2/pipeline", JSON.stringify({ requests: "x" }))).status).toBe(400);
    expect((await post("v2/pipeline", JSON.stringify({ baton: 5, requests: [] }))).status).toBe(400);
    expect((await post("v3/cursor", "{")).status).toBe(400);
    expect((await post("v1/nonsense", "{}")).status).toBe(404);
    await assertAlive();
  });

  it("returns per-request errors for wrong types, unknown requests and missing fields", async () => {
    const r = await pipeline([
      { type: "execute", stmt: { sql: 42 } },
      { type: "execute" },
      { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: "abc" }] } },
      { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: "99999999999999999999" }] } },
      { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "wat" }] } },
      { type: "execute", stmt: { sql: "SELECT ?", args: "nope" } },
      { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "blob", base64: "!!!" }] } },
      { type: "frobnicate" },
      "string request",
      null,
      { type: "batch", batch: { steps: [{ stmt: { sql: "SELECT 1" }, condition: { type: "bogus" } }] } },
      { type: "batch", batch: { steps: "x" } },
      { type: "sequence" },
      { type: "describe", sql_id: 77 },
      { type: "store_sql", sql_id: "x", sql: "SELECT 1" },
      { type: "execute", stmt: { sql: "SELEKT 1" } },
      { type: "execute", stmt: { sql: "SELECT 1; SELECT 2" } },
      { type: "execute", stmt: { sql: "SELECT * FROM no_such_table" } },
      { type: "execute", stmt: { sql: "SELECT 7" } },
      { type: "close" },
    ]);
    expect(r.status).toBe(200);
    const results = r.json.results as { type: string }[];
    expect(results).toHaveLength(20);
    expect(results.slice(0, 18).every((x) => x.type === "error")).toBe(true);
    expect(results[18]?.type).toBe("ok");
    expect(r.json.baton).toBeNull();
    await assertAlive();
  });

  it("does not crash on mismatched named/positional args", async () => {
    const cases = [
      { sql: "SELECT ?", named_args: [{ name: "x", value: { type: "integer", value: "1" } }] },
      { sql: "SELECT ?, :x", named_args: [{ name: "x", value: { type: "integer", value: "1" } }] },
      { sql: "SELECT :x", named_args: [{ name: "y", value: { type: "integer", value: "1" } }] },
      {
        sql: "SELECT :x",
        args: [
          { type: "integer", value: "1" },
          { type: "integer", value: "2" },
        ],
      },
      { sql: "SELECT 1", args: [{ type: "text", value: "x" }] },
      { sql: "SELECT ?", named_args: [{ name: "", value: { type: "null" } }] },
      { sql: "SELECT ?", named_args: [{ name: "1", value: { type: "null" } }] },
      { sql: "SELECT ?1", named_args: "x" },
      { sql: "SELECT :a, @a, $a", named_args: [{ name: "a", value: { type: "text", value: "v" } }] },
      { sql: "INSERT INTO t VALUES (?, ?)", args: [{ type: "integer", value: "1" }] },
    ];
    const r = await pipeline([...cases.map((stmt) => ({ type: "execute", stmt })), { type: "close" }]);
    expect(r.status).toBe(200);
    const types = (r.json.results as { type: string }[]).map((x) => x.type);
    expect(types).toEqual(["error", "ok", "error", "error", "error", "error", "error", "error", "ok", "ok", "ok"]);
    // positional-with-named mix binds by index; missing arguments bind NULL
    expect(r.json.results[1].response.result.rows[0]).toEqual([{ type: "null" }, { type: "integer", value: "1" }]);
    await assertAlive();
  });

  it("rejects bad, reused, expired and foreign batons", async () => {
    expect((await pipeline([{ type: "execute", stmt: { sql: "SELECT 1" } }], "not-a-baton")).status).toBe(400);
    const first = await pipeline([{ type: "execute", stmt: { sql: "BEGIN" } }]);
    const baton = first.json.baton as string;
    expect(typeof baton).toBe("string");
    const second = await pipeline([{ type: "get_autocommit" }], baton);
    expect(second.status).toBe(200);
    expect(second.json.results[0].response.is_autocommit).toBe(false);
    expect(second.json.baton).not.toBe(baton);
    // single use
    expect((await pipeline([{ type: "get_autocommit" }], baton)).status).toBe(400);
    // bound to its database
    const otherUrl = await createDb(server.url, "garbage-other");
    const foreign = await fetch(`${otherUrl}v2/pipeline`, {
      method: "POST",
      body: JSON.stringify({ baton: second.json.baton, requests: [{ type: "close" }] }),
    });
    expect(foreign.status).toBe(400);
    // expiry (300 ms in this server) rolls back and closes the stream
    const third = await pipeline([{ type: "execute", stmt: { sql: "INSERT INTO t VALUES ('expired', 1)" } }], second.json.baton);
    expect(third.status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect((await pipeline([{ type: "close" }], third.json.baton)).status).toBe(400);
    const check = await pipeline([{ type: "execute", stmt: { sql: "SELECT count(*) FROM t WHERE a = 'expired'" } }, { type: "close" }]);
    expect(check.json.results[0].response.result.rows[0][0].value).toBe("0");
    await assertAlive();
  });

  it("answers 413 to oversized bodies and 404/405 to unknown paths and methods", async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(32);
    expect((await post("v2/pipeline", big)).status).toBe(413);
    const huge = new Uint8Array(20 * 1024 * 1024).fill(32);
    const r = await fetch(`${base}v2/pipeline`, { method: "POST", body: huge })
      .then((x) => x.status)
      .catch(() => "reset");
    expect([413, "reset"]).toContain(r);
    expect((await fetch(`${base}v2/pipeline`)).status).toBe(405);
    expect((await fetch(`${base}v3-protobuf`)).status).toBe(404);
    expect((await fetch(`${base}v3`)).status).toBe(200);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/v2/pipeline`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${server.url}/health`, { method: "PUT" })).status).toBe(405);
    await assertAlive();
  });

  it("supports store_sql/close_sql, describe, batch conditions and the v3 cursor endpoint", async () => {
    const r = await post(
      "v3/pipeline",
      JSON.stringify({
        baton: null,
        requests: [
          { type: "store_sql", sql_id: 1, sql: "SELECT :v AS v" },
          { type: "execute", stmt: { sql_id: 1, named_args: [{ name: ":v", value: { type: "float", value: 2.5 } }] } },
          { type: "describe", sql: "INSERT INTO t VALUES (?, :b)" },
          { type: "describe", sql: "SELECT a FROM t" },
          {
            type: "batch",
            batch: {
              steps: [
                { stmt: { sql: "SELECT 1" } },
                { stmt: { sql: "SELEC" } },
                {
                  stmt: { sql: "SELECT 3" },
                  condition: {
                    type: "and",
                    conds: [
                      { type: "ok", step: 0 },
                      { type: "error", step: 1 },
                    ],
                  },
                },
                { stmt: { sql: "SELECT 4" }, condition: { type: "not", cond: { type: "is_autocommit" } } },
                {
                  stmt: { sql: "SELECT 5" },
                  condition: {
                    type: "or",
                    conds: [
                      { type: "ok", step: 1 },
                      { type: "ok", step: 9 },
                    ],
                  },
                },
              ],
            },
          },
          { type: "close_sql", sql_id: 1 },
          { type: "execute", stmt: { sql_id: 1 } },
          { type: "close" },
        ],
      }),
    );
    const res = r.json.results;
    expect(res[1].response.result.rows[0][0]).toEqual({ type: "float", value: 2.5 });
    expect(res[2].response.result).toEqual({ params: [{ name: null }, { name: ":b" }], cols: [], is_explain: false, is_readonly: false });
    expect(res[3].response.result.is_readonly).toBe(true);
    expect(res[3].response.result.cols).toEqual([{ name: "a", decltype: null }]);
    const batch = res[4].response.result;
    expect(batch.step_results.map((x: unknown) => x !== null)).toEqual([true, false, true, false, false]);
    expect(batch.step_errors.map((x: unknown) => x !== null)).toEqual([false, true, false, false, false]);
    expect(res[6].type).toBe("error");
    const cur = await post("v3/cursor", JSON.stringify({ baton: null, batch: { steps: [{ stmt: { sql: "SELECT 1 AS one" } }] } }));
    const lines = cur.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ base_url: null });
    expect(lines.slice(1).map((l: { type: string }) => l.type)).toEqual(["step_begin", "row", "step_end"]);
    await assertAlive();
  });
});
