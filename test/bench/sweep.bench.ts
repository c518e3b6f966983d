import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type Client, createClient, type InStatement } from "@libsql/client";
import { createSupervisionDb, dueMilestoneFacts, migrate } from "@wuye/db";
import { type Stats, time } from "./timing.ts";

// The minute deadline sweep (workers/deadlines/src/sweep.ts) finds due milestones with ONE query:
// dueMilestoneFacts(db, now, 500) over milestone_facts, served by milestone_facts_sweep_idx (next_check_at).
// This bench fills an embedded libSQL file with 1M open milestones (+ done ones with a null next_check_at),
// times that exact drizzle query with and without the index, and prints the plan SQLite picks.
// Embedded file = no network: in production add one HTTP round trip to the supervision database.

const OPEN_ROWS = 1_000_000;
const DONE_ROWS = 100_000; // met milestones: next_check_at IS NULL, never returned by the sweep
const BRANCHES = 500;
const SPREAD_MS = 30 * 24 * 60 * 60 * 1000; // next_check_at within now ± 30 days
const LIMIT = 500;
const WARMUP_RUNS = 5;
const INDEXED_RUNS = 50;
const UNINDEXED_RUNS = 5;
const TARGET_MS = 20; // applied to the with-index p95
const INDEX_NAME = "milestone_facts_sweep_idx";

export async function benchSweep(): Promise<void> {
  console.log("\n== deadline sweep: dueMilestoneFacts over milestone_facts ==");
  const path = join(tmpdir(), `wuye-sweep-bench-${process.pid}-${Date.now()}.db`);
  const url = `file:${path}`;
  let client: Client | undefined;
  try {
    client = createClient({ url });
    await migrate(client, "supervision");
    const now = Date.now();

    const genStart = performance.now();
    await generate(client, now);
    const genMs = performance.now() - genStart;
    const total = Number((await client.execute("SELECT count(*) AS n FROM milestone_facts")).rows[0]?.n ?? 0);
    const due = Number(
      (await client.execute({ sql: "SELECT count(*) AS n FROM milestone_facts WHERE next_check_at <= ?", args: [now] })).rows[0]?.n ?? 0,
    );
    console.log(`generated ${fmtInt(total)} rows (${fmtInt(due)} due at now) in ${(genMs / 1000).toFixed(1)} s`);

    // The drizzle client the sweep uses, with the client wrapped so the exact SQL it sends can be EXPLAINed.
    let lastStatement: InStatement | undefined;
    const db = createSupervisionDb(recording(client, (stmt) => (lastStatement = stmt)));

    const first = await dueMilestoneFacts(db, now, LIMIT);
    if (first.length !== LIMIT) console.log(`warning: expected ${LIMIT} rows, got ${first.length}`);
    const statement = lastStatement;

    const planWith = statement ? await explain(url, statement) : ["(query SQL not captured)"];
    const withIdx = await time(() => dueMilestoneFacts(db, now, LIMIT), WARMUP_RUNS, INDEXED_RUNS);
    // The same SQL straight through the client: how much of the time is SQLite + the driver vs drizzle's mapping.
    const raw = statement ? await time(() => client!.execute(statement), WARMUP_RUNS, INDEXED_RUNS) : undefined;
    // And SQLite alone: the same rows read (index + table lookups) inside the engine, nothing materialized in JS.
    const engineOnly = statement ? wrapCount(statement) : undefined;
    const engineWith = engineOnly ? await time(() => client!.execute(engineOnly), WARMUP_RUNS, INDEXED_RUNS) : undefined;

    // Same query without the index: remember its DDL, drop, measure, recreate exactly as the migration made it.
    const ddl = String(
      (await client.execute({ sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", args: [INDEX_NAME] })).rows[0]?.sql,
    );
    await client.execute(`DROP INDEX ${INDEX_NAME}`);
    let planWithout: string[] = [];
    let withoutIdx: Stats;
    let engineWithout: Stats | undefined;
    try {
      planWithout = statement ? await explain(url, statement) : [];
      withoutIdx = await time(() => dueMilestoneFacts(db, now, LIMIT), 1, UNINDEXED_RUNS);
      engineWithout = engineOnly ? await time(() => client!.execute(engineOnly), 0, UNINDEXED_RUNS) : undefined;
    } finally {
      const t = performance.now();
      await client.execute(ddl);
      console.log(`index recreated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const restored = await explain(url, statement ?? { sql: "SELECT 1" });

    const usesIndex = planWith.some((l) => l.includes(INDEX_NAME));
    const met = withIdx.p95 <= TARGET_MS;
    const ratio = withoutIdx.median / withIdx.median;

    console.log(`\nquery (drizzle, dueMilestoneFacts(db, now, ${LIMIT})):\n  ${statement ? stmtSql(statement) : "?"}`);
    console.log("EXPLAIN QUERY PLAN (with index):");
    for (const l of planWith) console.log(`  ${l}`);
    console.log("EXPLAIN QUERY PLAN (index dropped):");
    for (const l of planWithout) console.log(`  ${l}`);
    if (!restored.some((l) => l.includes(INDEX_NAME))) console.log("warning: plan after recreating the index does not use it");

    table([
      ["rows in milestone_facts", `${fmtInt(total)} (${fmtInt(OPEN_ROWS)} open over ${BRANCHES} branches, ${fmtInt(DONE_ROWS)} done/null)`],
      ["due at now / returned", `${fmtInt(due)} / ${first.length}`],
      ["generation time", `${(genMs / 1000).toFixed(1)} s (not measured)`],
      [`with index median (${INDEXED_RUNS} runs)`, `${withIdx.median.toFixed(2)} ms`],
      [`with index p95 (${INDEXED_RUNS} runs)`, `${withIdx.p95.toFixed(2)} ms`],
      ...(raw
        ? [[`  same SQL via raw client.execute`, `median ${raw.median.toFixed(2)} ms, p95 ${raw.p95.toFixed(2)} ms`] as [string, string]]
        : []),
      ...(engineWith
        ? [
            [
              `  same SQL, SQLite only (rows read in engine)`,
              `median ${engineWith.median.toFixed(2)} ms, p95 ${engineWith.p95.toFixed(2)} ms`,
            ] as [string, string],
          ]
        : []),
      [`without index median (${UNINDEXED_RUNS} runs)`, `${withoutIdx.median.toFixed(1)} ms (p95 ${withoutIdx.p95.toFixed(1)} ms)`],
      ...(engineWithout
        ? [[`  same SQL, SQLite only (rows read in engine)`, `median ${engineWithout.median.toFixed(1)} ms`] as [string, string]]
        : []),
      [
        "ratio without / with (median)",
        `${ratio.toFixed(1)}x` +
          (engineWith && engineWithout ? ` (SQLite only: ${(engineWithout.median / engineWith.median).toFixed(0)}x)` : ""),
      ],
      [`plan uses ${INDEX_NAME}`, usesIndex ? "yes" : "NO"],
      [`target p95 <= ${TARGET_MS} ms`, met ? "MET" : "NOT MET"],
    ]);
  } catch (err) {
    // Benchmarks report; they never fail the run.
    console.log(`sweep bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    try {
      client?.close();
    } catch {}
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
  }
}

/** 1M open facts + done facts in chunks, each one INSERT … SELECT over a recursive CTE (one transaction per chunk). */
async function generate(client: Client, now: number): Promise<void> {
  // A throwaway file: skip fsyncs and give index maintenance a big page cache while loading, then go back
  // to SQLite's default cache so the timed queries see the same cache a default connection has.
  const defaultCache = (await client.execute("PRAGMA cache_size")).rows[0]?.[0] ?? -2000;
  await client.execute("PRAGMA synchronous = OFF");
  await client.execute("PRAGMA cache_size = -262144");
  try {
    await insertRows(client, now);
  } finally {
    await client.execute(`PRAGMA cache_size = ${Number(defaultCache)}`);
    await client.execute("PRAGMA synchronous = FULL");
  }
}

async function insertRows(client: Client, now: number): Promise<void> {
  const chunk = 250_000;
  const totalRows = OPEN_ROWS + DONE_ROWS;
  for (let from = 0; from < totalRows; from += chunk) {
    const to = Math.min(from + chunk, totalRows) - 1;
    // h: a multiplicative hash of i in [0,1), so next_check_at is uncorrelated with insertion order.
    await client.execute({
      sql: `
        WITH RECURSIVE seq(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM seq WHERE i < :to),
        g AS (
          SELECT i, ((i * 2654435761) % 4294967296) / 4294967296.0 AS h, i >= :open AS done, i % :branches AS b FROM seq
        ),
        r AS (
          SELECT i, done, b, CAST(:now - :spread + h * 2 * :spread AS INTEGER) AS next FROM g
        )
        INSERT INTO milestone_facts (milestone_id, request_id, org_id, region_id, branch_id, name, kind, start_at, due_at,
          status, met_at, breached_at, paused_ms, schedule, next_check_at, updated_at)
        SELECT
          printf('ms_%08d', i),
          printf('req_%08d', i / 3),
          'org_bench',
          printf('rg_%02d', b % 20),
          printf('br_%03d', b),
          CASE i % 3 WHEN 0 THEN 'first_response' WHEN 1 THEN 'on_site' ELSE 'resolution' END,
          CASE i % 3 WHEN 0 THEN 'response' WHEN 1 THEN 'arrival' ELSE 'resolution' END,
          next - 3600000,
          next + 900000,
          CASE WHEN done THEN 'met' ELSE 'open' END,
          CASE WHEN done THEN next - 600000 END,
          NULL,
          0,
          json_array(
            json_object('key', 'warn:80', 'at', next),
            json_object('key', 'breach', 'at', next + 900000),
            json_object('key', 'esc:1', 'at', next + 4500000)
          ),
          CASE WHEN done THEN NULL ELSE next END,
          :now
        FROM r`,
      args: { from, to, open: OPEN_ROWS, branches: BRANCHES, now, spread: SPREAD_MS },
    });
  }
}

/** A proxy of the client that reports every statement drizzle executes. */
function recording(client: Client, onStatement: (stmt: InStatement) => void): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "execute" && typeof value === "function") {
        return (stmt: InStatement, ...rest: unknown[]) => {
          onStatement(stmt);
          return (value as (...a: unknown[]) => unknown).call(target, stmt, ...rest);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * EXPLAIN QUERY PLAN on a short-lived second connection: the embedded client leaves an EXPLAIN statement
 * un-reset, which makes a later DROP INDEX on the same connection fail with SQLITE_LOCKED; closing finalizes it.
 */
async function explain(url: string, stmt: InStatement): Promise<string[]> {
  const s = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
  const probe = createClient({ url });
  try {
    const res = await probe.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args ?? [] } as InStatement);
    return res.rows.map((r) => String(r.detail));
  } finally {
    probe.close();
  }
}

function wrapCount(stmt: InStatement): InStatement {
  const s = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
  return { sql: `SELECT count(*), max(length(schedule)), max(due_at) FROM (${s.sql})`, args: s.args ?? [] } as InStatement;
}

const stmtSql = (stmt: InStatement) => (typeof stmt === "string" ? stmt : stmt.sql);

function table(rows: Array<[string, string]>): void {
  const w = Math.max(...rows.map(([k]) => k.length));
  const v = Math.max(...rows.map(([, x]) => x.length));
  const line = `+${"-".repeat(w + 2)}+${"-".repeat(v + 2)}+`;
  console.log(`\n${line}`);
  for (const [k, x] of rows) console.log(`| ${k.padEnd(w)} | ${x.padEnd(v)} |`);
  console.log(line);
}

const fmtInt = (n: number) => n.toLocaleString("en-US");
