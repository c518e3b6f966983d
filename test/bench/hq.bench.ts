import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type Client, createClient } from "@libsql/client";
import { type Stats, time } from "./timing.ts";
import {
  branchFigures,
  complianceByMilestone,
  createSupervisionDb,
  migrate,
  overdueCount,
  overdueList,
  rebuildRollups,
  requestTotals,
  type Scope,
} from "@wuye/db";

// Head-office queries over a generated group: 500 branches in 20 regions, 1,000,000 requests, one milestone
// each, spread over a year. Times the real repository functions (what /hq/overview, /hq/branches and
// /hq/overdue run server-side, reading the per-branch-day rollups and the open-milestone index), against
// the same answers computed by a naive scan of the fact tables.

const REQUESTS = 1_000_000;
const BRANCHES = 500;
const YEAR = 365 * 86_400_000;
const RUNS = 15;
const TARGET_MS = 150;

/** The same figures straight from the facts, no index and no rollup: what a naive implementation does. */
function naive(client: Client, scope: Scope, from: number, now: number) {
  const region = scope.regionId ? `and region_id = '${scope.regionId}'` : "";
  return {
    overview: () =>
      Promise.all([
        client.execute({
          sql: `select kind, count(*), sum(reopened), sum(repeat_complaint), avg(satisfaction) from request_facts not indexed where org_id = ? ${region} and created_at >= ? and created_at < ? group by kind`,
          args: [scope.orgId, from, now],
        }),
        client.execute({
          sql: `select name, sum(status = 'met' and met_at <= due_at), sum(status = 'met' and met_at > due_at), sum(status = 'open' and due_at < ?) from milestone_facts not indexed where org_id = ? ${region} and start_at >= ? and start_at < ? group by name`,
          args: [now, scope.orgId, from, now],
        }),
        client.execute({
          sql: `select count(*) from milestone_facts not indexed where org_id = ? ${region} and status = 'open' and due_at < ?`,
          args: [scope.orgId, now],
        }),
      ]),
    ranking: () =>
      Promise.all([
        client.execute({
          sql: `select branch_id, count(*), sum(kind = 'complaint') from request_facts not indexed where org_id = ? and created_at >= ? and created_at < ? group by branch_id`,
          args: [scope.orgId, from, now],
        }),
        client.execute({
          sql: `select branch_id, sum(status = 'met' and met_at <= due_at), sum(status = 'open' and due_at < ?) from milestone_facts not indexed where org_id = ? group by branch_id`,
          args: [now, scope.orgId],
        }),
      ]),
    overdue: () =>
      client.execute({
        sql: `select * from milestone_facts not indexed where org_id = ? and status = 'open' and due_at < ? order by due_at limit 200`,
        args: [scope.orgId, now],
      }),
  };
}

async function generate(client: Client, now: number) {
  await client.execute("PRAGMA synchronous = OFF");
  const chunk = 250_000;
  for (let from = 0; from < REQUESTS; from += chunk) {
    const args = { from, to: Math.min(REQUESTS, from + chunk) - 1, now, year: YEAR, branches: BRANCHES };
    await client.execute({
      sql: `WITH RECURSIVE seq(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM seq WHERE i < :to)
            INSERT INTO request_facts (request_id, org_id, region_id, branch_id, community_id, kind, category, urgency, channel, status, created_at, closed_at, satisfaction, reopened, repeat_complaint, updated_at)
            SELECT printf('req_%08d', i), 'org_bench', printf('rg_%02d', (i % :branches) % 20), printf('br_%03d', i % :branches), NULL,
              CASE i % 8 WHEN 0 THEN 'complaint' WHEN 1 THEN 'inquiry' WHEN 2 THEN 'help' WHEN 3 THEN 'suggestion' ELSE 'repair' END,
              NULL, CASE WHEN i % 5 = 0 THEN 'urgent' ELSE 'normal' END, 'portal', 'received',
              :now - (i * 2654435761 % :year), NULL, CASE WHEN i % 4 = 0 THEN 1 + i % 5 END, i % 50 = 0, i % 97 = 0, :now FROM seq`,
      args,
    });
    await client.execute({
      sql: `WITH RECURSIVE seq(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM seq WHERE i < :to)
            INSERT INTO milestone_facts (milestone_id, request_id, org_id, region_id, branch_id, name, kind, start_at, due_at, status, met_at, breached_at, paused_ms, schedule, next_check_at, updated_at)
            SELECT printf('ms_%08d', i), printf('req_%08d', i), 'org_bench', printf('rg_%02d', (i % :branches) % 20), printf('br_%03d', i % :branches),
              CASE i % 3 WHEN 0 THEN 'reply' WHEN 1 THEN 'onSite' ELSE 'repaired' END, 'repair',
              :now - (i * 2654435761 % :year), :now - (i * 2654435761 % :year) + 7200000,
              CASE WHEN i % 10 = 0 THEN 'open' ELSE 'met' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE :now - (i * 2654435761 % :year) + (i % 3) * 4000000 END,
              NULL, 0, '[]', NULL, :now FROM seq`,
      args,
    });
  }
  await client.execute("ANALYZE");
  await client.execute("PRAGMA synchronous = FULL");
}

export async function benchHq(): Promise<void> {
  console.log("\n== head office: overview, ranking, overdue over 500 branches / 1,000,000 requests ==");
  const path = join(tmpdir(), `wuye-hq-bench-${process.pid}-${Date.now()}.db`);
  const client = createClient({ url: `file:${path}` });
  try {
    await migrate(client, "supervision");
    const now = Date.now();
    const g = performance.now();
    await generate(client, now);
    const db = createSupervisionDb(client);
    await rebuildRollups(db);
    console.log(
      `generated ${REQUESTS.toLocaleString()} requests + milestones and their rollups in ${((performance.now() - g) / 1000).toFixed(1)} s`,
    );
    const group: Scope = { orgId: "org_bench", regionId: null };
    const region: Scope = { orgId: "org_bench", regionId: "rg_07" };
    const from = now - 30 * 86_400_000;
    const g1 = naive(client, group, from, now);
    const r1 = naive(client, region, from, now);
    const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      [
        "overview (group, 30 days)",
        () =>
          Promise.all([
            requestTotals(db, group, from, now),
            complianceByMilestone(db, group, from, now, now),
            overdueCount(db, group, now),
          ]),
        g1.overview,
      ],
      [
        "overview (region, 30 days)",
        () =>
          Promise.all([
            requestTotals(db, region, from, now),
            complianceByMilestone(db, region, from, now, now),
            overdueCount(db, region, now),
          ]),
        r1.overview,
      ],
      ["ranking (500 branches, 30 days)", () => branchFigures(db, group, from, now, now), g1.ranking],
      ["overdue list (oldest 200)", () => overdueList(db, group, now, 200), g1.overdue],
    ];
    const indexed: Array<{ name: string } & Stats> = [];
    const naiveTimes: Array<{ name: string } & Stats> = [];
    for (const [name, fn, slow] of cases) {
      indexed.push({ name, ...(await time(fn, 1, RUNS)) });
      naiveTimes.push({ name, ...(await time(slow, 1, 3)) });
    }
    console.log("| query | median ms | p95 ms | naive scan median ms | ratio | target ≤ 150 ms |");
    console.log("|---|---|---|---|---|---|");
    indexed.forEach((r, i) => {
      const n = naiveTimes[i]!;
      console.log(
        `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${n.median.toFixed(1)} | ${(n.median / r.median).toFixed(1)}x | ${r.p95 <= TARGET_MS ? "met" : "NOT met"} |`,
      );
    });
  } catch (err) {
    console.error("hq bench failed:", err);
  } finally {
    client.close();
    if (!process.env.KEEP_BENCH_DB) rmSync(path, { force: true });
    else console.log(`kept ${path}`);
  }
}
