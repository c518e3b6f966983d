import crypto from "node:crypto";
import { createClient, type Client } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, start } from "./helpers.ts";

let server: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server.close();
});

const variants = [
  ["@libsql/client", createClient],
  ["@libsql/client/web", createWebClient],
] as const;

describe.each(variants)("%s", (label, make) => {
  let db: Client;
  beforeAll(async () => {
    const url = await createDb(server.url, label === "@libsql/client" ? "node-client" : "web-client");
    db = make({ url });
  });
  afterAll(() => db.close());

  it("creates a table, inserts and selects with positional and named args", async () => {
    await db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER, score REAL)");
    const ins = await db.execute({ sql: "INSERT INTO people (name, age, score) VALUES (?, ?, ?)", args: ["ann", 31, 1.5] });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);
    for (const prefix of [":", "@", "$"]) {
      await db.execute({
        sql: `INSERT INTO people (name, age, score) VALUES (${prefix}name, ${prefix}age, ${prefix}score)`,
        args: { name: `p${prefix}`, age: 20, score: 0.25 },
      });
      // name given with its prefix too
      await db.execute({
        sql: `INSERT INTO people (name, age) VALUES (${prefix}name, ${prefix}age)`,
        args: { [`${prefix}name`]: `q${prefix}`, [`${prefix}age`]: 21 },
      });
    }
    const rs = await db.execute({ sql: "SELECT id, name, age, score FROM people WHERE age >= ? ORDER BY id", args: [20] });
    expect(rs.columns).toEqual(["id", "name", "age", "score"]);
    expect(rs.columnTypes).toEqual(["INTEGER", "TEXT", "INTEGER", "REAL"]);
    expect(rs.rows.map((r) => r.name)).toEqual(["ann", "p:", "q:", "p@", "q@", "p$", "q$"]);
    expect(rs.rows[0]?.score).toBe(1.5);
    const one = await db.execute({ sql: "SELECT name FROM people WHERE name = :n AND age = :a", args: { n: "ann", a: 31 } });
    expect(one.rows).toHaveLength(1);
    const ret = await db.execute({ sql: "UPDATE people SET age = age + 1 WHERE age = ? RETURNING id", args: [20] });
    expect(ret.rows).toHaveLength(3);
    expect(ret.rowsAffected).toBe(3);
  });

  it("round-trips integers up to 2^53, bigints, floats, null, text and blobs", async () => {
    await db.execute("CREATE TABLE vals (i INTEGER, f REAL, t TEXT, b BLOB, n)");
    const ints = [0, 1, -1, 2 ** 31, 2 ** 53 - 1, -(2 ** 53 - 1)];
    for (const i of ints) await db.execute({ sql: "INSERT INTO vals (i) VALUES (?)", args: [i] });
    const rs = await db.execute("SELECT i FROM vals ORDER BY rowid");
    expect(rs.rows.map((r) => r.i)).toEqual(ints);
    await db.execute({ sql: "INSERT INTO vals (i) VALUES (?)", args: [9223372036854775807n] });
    const big = await createClient({
      url: `${server.url}/db/${label === "@libsql/client" ? "node-client" : "web-client"}/`,
      intMode: "bigint",
    }).execute("SELECT max(i) AS m FROM vals");
    expect(big.rows[0]?.m).toBe(9223372036854775807n);
    await db.execute({ sql: "INSERT INTO vals (f, t, n) VALUES (?, ?, ?)", args: [3.141592653589793, "héllo ✓", null] });
    await db.execute({ sql: "INSERT INTO vals (f) VALUES (?)", args: [1e-300] });
    const fl = await db.execute("SELECT f, t, n, typeof(n) AS tn FROM vals WHERE f IS NOT NULL ORDER BY rowid");
    expect(fl.rows[0]?.f).toBe(3.141592653589793);
    expect(fl.rows[0]?.t).toBe("héllo ✓");
    expect(fl.rows[0]?.n).toBeNull();
    expect(fl.rows[0]?.tn).toBe("null");
    expect(fl.rows[1]?.f).toBe(1e-300);
  });

  it("round-trips a 5 MB blob and a 1 MB text byte-exact", async () => {
    await db.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, b BLOB, t TEXT)");
    const blob = crypto.randomBytes(5 * 1024 * 1024);
    const txt = Array.from({ length: 1024 * 1024 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
    await db.execute({ sql: "INSERT INTO big (b, t) VALUES (?, ?)", args: [blob, txt] });
    const rs = await db.execute("SELECT b, t, length(b) AS lb FROM big");
    const got = Buffer.from(rs.rows[0]?.b as ArrayBuffer);
    expect(got.length).toBe(blob.length);
    expect(got.equals(blob)).toBe(true);
    expect(rs.rows[0]?.t).toBe(txt);
    expect(rs.rows[0]?.lb).toBe(5 * 1024 * 1024);
  });

  it("runs write batches atomically", async () => {
    await db.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
    const res = await db.batch(
      ["INSERT INTO acct (v) VALUES (1)", { sql: "INSERT INTO acct (v) VALUES (?)", args: [2] }, "SELECT count(*) AS n FROM acct"],
      "write",
    );
    expect(res[2]?.rows[0]?.n).toBe(2);
    await expect(
      db.batch(["INSERT INTO acct (v) VALUES (10)", "INSERT INTO acct (v) VALUES (NULL)", "INSERT INTO acct (v) VALUES (11)"], "write"),
    ).rejects.toThrow(/NOT NULL/);
    const rs = await db.execute("SELECT v FROM acct ORDER BY id");
    expect(rs.rows.map((r) => r.v)).toEqual([1, 2]);
  });

  it("supports interactive transactions with commit and rollback", async () => {
    await db.execute("CREATE TABLE tx (v TEXT)");
    const t1 = await db.transaction("write");
    await t1.execute({ sql: "INSERT INTO tx VALUES (?)", args: ["committed"] });
    const inside = await t1.execute("SELECT count(*) AS n FROM tx");
    expect(inside.rows[0]?.n).toBe(1);
    await t1.commit();
    const t2 = await db.transaction("write");
    await t2.execute({ sql: "INSERT INTO tx VALUES (?)", args: ["rolled back"] });
    await t2.rollback();
    const rs = await db.execute("SELECT v FROM tx");
    expect(rs.rows.map((r) => r.v)).toEqual(["committed"]);
    const t3 = await db.transaction("read");
    expect((await t3.execute("SELECT count(*) AS n FROM tx")).rows[0]?.n).toBe(1);
    t3.close();
  });

  it("executes multiple statements with executeMultiple (including a trigger)", async () => {
    await db.executeMultiple(`
      CREATE TABLE m1 (x INTEGER); -- comment; with semicolon
      CREATE TABLE m_log (x INTEGER);
      CREATE TRIGGER m1_ins AFTER INSERT ON m1 BEGIN INSERT INTO m_log VALUES (new.x); INSERT INTO m_log VALUES (new.x * 10); END;
      INSERT INTO m1 VALUES (1); INSERT INTO m1 VALUES (';');
    `);
    const rs = await db.execute("SELECT x FROM m_log ORDER BY rowid");
    expect(rs.rows.map((r) => r.x)).toEqual([1, 10, ";", 0]);
  });

  it("reports SQL errors as LibsqlError without breaking the client", async () => {
    await expect(db.execute("SELEC nonsense")).rejects.toThrow(/syntax error/);
    await expect(db.execute({ sql: "SELECT ?", args: [1, 2] })).rejects.toThrow(/positional/);
    await expect(db.execute({ sql: "SELECT :a", args: { b: 1 } })).rejects.toThrow(/no parameter/);
    expect((await db.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
  });
});

describe("prepared statements reused per connection", () => {
  it("a statement that failed in one batch does not block the next commits, and each reports its own changes", async () => {
    const db = createClient({ url: await createDb(server.url, "reuse-failure") });
    await db.execute("CREATE TABLE counters (k TEXT PRIMARY KEY, n INTEGER NOT NULL, cap INTEGER)");
    await db.execute("CREATE TRIGGER guard BEFORE UPDATE ON counters WHEN NEW.n > NEW.cap BEGIN SELECT RAISE(ABORT, 'over the cap'); END");
    const bump = {
      sql: "INSERT INTO counters (k, n, cap) VALUES (?, 1, 2) ON CONFLICT (k) DO UPDATE SET n = n + 1 RETURNING n",
      args: ["a"],
    };
    const log = { sql: "INSERT INTO counters (k, n) VALUES (?, 0)", args: [] as string[] };
    for (let i = 1; i <= 4; i++) {
      const write = db.batch([bump, { ...log, args: [`log-${i}`] }], "write");
      if (i <= 2) expect((await write)[0]!.rows[0]!.n).toBe(i);
      else await expect(write).rejects.toThrow(/over the cap/);
    }
    // The refused batches left nothing, and the same statements still commit on other keys.
    const after = await db.batch(
      [
        { ...bump, args: ["b"] },
        { ...log, args: ["log-5"] },
      ],
      "write",
    );
    expect(after[1]!.rowsAffected).toBe(1);
    const rows = await db.execute("SELECT k, n FROM counters ORDER BY k");
    expect(rows.rows.map((r) => `${r.k}=${r.n}`)).toEqual(["a=2", "b=1", "log-1=0", "log-2=0", "log-5=0"]);
    db.close();
  });

  it("shows a column added after the statement was first prepared", async () => {
    const db = createClient({ url: await createDb(server.url, "reuse-schema") });
    await db.execute("CREATE TABLE t (a INTEGER)");
    await db.execute("INSERT INTO t VALUES (1)");
    expect((await db.execute("SELECT * FROM t")).columns).toEqual(["a"]);
    await db.execute("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'");
    const again = await db.execute("SELECT * FROM t");
    expect(again.columns).toEqual(["a", "b"]);
    expect(again.rows[0]!.b).toBe("x");
    db.close();
  });
});

describe("concurrency and isolation", () => {
  it("20 concurrent interactive write transactions increment a counter exactly", async () => {
    const url = await createDb(server.url, "counter");
    const setup = createClient({ url });
    await setup.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    await setup.execute("INSERT INTO counter VALUES (1, 0)");
    const clients = Array.from({ length: 20 }, () => createClient({ url }));
    const rounds = 3;
    await Promise.all(
      clients.map(async (c) => {
        for (let r = 0; r < rounds; r++) {
          const tx = await c.transaction("write");
          const rs = await tx.execute("SELECT n FROM counter WHERE id = 1");
          const n = Number(rs.rows[0]?.n);
          await new Promise((res) => setTimeout(res, Math.random() * 3));
          await tx.execute({ sql: "UPDATE counter SET n = ? WHERE id = 1", args: [n + 1] });
          await tx.commit();
        }
      }),
    );
    const rs = await setup.execute("SELECT n FROM counter");
    expect(rs.rows[0]?.n).toBe(20 * rounds);
    for (const c of clients) c.close();
    setup.close();
  });

  it("keeps databases isolated", async () => {
    const a = createClient({ url: await createDb(server.url, "iso-a") });
    const b = createClient({ url: await createDb(server.url, "iso-b") });
    await a.execute("CREATE TABLE only_a (x)");
    await a.execute("INSERT INTO only_a VALUES (1)");
    await expect(b.execute("SELECT * FROM only_a")).rejects.toThrow(/no such table/);
    const tables = await b.execute("SELECT name FROM sqlite_master");
    expect(tables.rows).toHaveLength(0);
    a.close();
    b.close();
  });

  it("rejects unknown databases without creating files", async () => {
    const c = createClient({ url: `${server.url}/db/does-not-exist/` });
    await expect(c.execute("SELECT 1")).rejects.toThrow(/404|does not exist/);
    c.close();
    const list = (await (await fetch(`${server.url}/v1/databases`)).json()) as { databases: { name: string }[] };
    expect(list.databases.map((d) => d.name)).not.toContain("does-not-exist");
  });

  it("manages databases: idempotent create, list, delete", async () => {
    const r1 = await fetch(`${server.url}/v1/databases`, { method: "POST", body: JSON.stringify({ name: "mgmt" }) });
    expect(r1.status).toBe(201);
    const r2 = await fetch(`${server.url}/v1/databases`, { method: "POST", body: JSON.stringify({ name: "mgmt" }) });
    expect(r2.status).toBe(200);
    expect(await r2.json()).toMatchObject({ name: "mgmt", url_path: "/db/mgmt/" });
    const bad = await fetch(`${server.url}/v1/databases`, { method: "POST", body: JSON.stringify({ name: "../etc" }) });
    expect(bad.status).toBe(400);
    const c = createClient({ url: `${server.url}/db/mgmt/` });
    await c.execute("CREATE TABLE x (a)");
    const tx = await c.transaction("write"); // an open stream gets closed by the delete
    await tx.execute("INSERT INTO x VALUES (1)");
    const del = await fetch(`${server.url}/v1/databases/mgmt`, { method: "DELETE" });
    expect(del.status).toBe(200);
    await expect(tx.commit()).rejects.toThrow();
    await expect(c.execute("SELECT 1")).rejects.toThrow(/404|does not exist/);
    expect((await fetch(`${server.url}/v1/databases/mgmt`, { method: "DELETE" })).status).toBe(404);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { ok: boolean; databases: number };
    expect(health.ok).toBe(true);
    c.close();
  });
});

describe("drizzle-orm/libsql", () => {
  it("works through drizzle", async () => {
    const client = createClient({ url: await createDb(server.url, "drizzle") });
    const users = sqliteTable("users", {
      id: integer("id").primaryKey({ autoIncrement: true }),
      name: text("name").notNull(),
      createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    });
    const d = drizzle(client);
    await d.run(sql`CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, created_at INTEGER NOT NULL)`);
    const now = new Date(1_700_000_000_123);
    const inserted = await d
      .insert(users)
      .values([
        { name: "a", createdAt: now },
        { name: "b", createdAt: now },
      ])
      .returning();
    expect(inserted.map((u) => u.id)).toEqual([1, 2]);
    const rows = await d.select().from(users).where(sql`${users.name} = ${"b"}`);
    expect(rows).toEqual([{ id: 2, name: "b", createdAt: now }]);
    await d.transaction(async (tx) => {
      await tx.insert(users).values({ name: "c", createdAt: now });
    });
    await expect(
      d.transaction(async (tx) => {
        await tx.insert(users).values({ name: "d", createdAt: now });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await d.batch([d.insert(users).values({ name: "e", createdAt: now }), d.select().from(users)]);
    const all = await d.select({ name: users.name }).from(users);
    expect(all.map((r) => r.name)).toEqual(["a", "b", "c", "e"]);
    client.close();
  });
});

describe("auth", () => {
  it("requires the bearer token on every route except /health", async () => {
    const s = await start({ authToken: "s3cret" });
    try {
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect((await fetch(`${s.url}/v1/databases`)).status).toBe(401);
      const url = await createDb(s.url, "authdb", "s3cret");
      const good = createClient({ url, authToken: "s3cret" });
      expect((await good.execute("SELECT 1 AS x")).rows[0]?.x).toBe(1);
      const wrong = createClient({ url, authToken: "nope" });
      await expect(wrong.execute("SELECT 1")).rejects.toThrow(/401|Unauthorized/);
      const none = createClient({ url });
      await expect(none.execute("SELECT 1")).rejects.toThrow(/401|Unauthorized/);
      good.close();
      wrong.close();
      none.close();
    } finally {
      await s.close();
    }
  });
});
