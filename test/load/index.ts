// Load benchmark: the whole stack (local libSQL server + wrangler dev with the api, deadlines and notify
// workers and local queues), driven by autocannon on 127.0.0.1. Measures the bare insert baseline, public
// intake, waits for the queues to drain, then the polled reads (console list, tracking page, both answered 304,
// a register search over 200,000 requests), each against the bare insert around it, and checks that every
// acknowledged create reached the branch database (with milestones) and the supervision facts.
// A benchmark prints figures and never fails the run: it always exits 0.
import { availableParallelism, cpus, totalmem } from "node:os";
import { bareRequest, type Figures, intakeRequest as intakeOf, measure as measurePhase, type Req } from "./drive.ts";
import { branchDb, login, present, scalar, sleep, startTempStack, supervisionDb, type TempStack } from "./lib.ts";
import { cycle, pollPhases, searchInDatabase, seededUnit, seedRequests } from "./reads.ts";

const BRANCH = "yangguang";
const DURATION = Number(process.env.LOAD_DURATION ?? 15);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 16);
const DRAIN_TIMEOUT_MS = Number(process.env.LOAD_DRAIN_TIMEOUT_MS ?? 180_000);
const SEARCH_BRANCH = "binjiang";
const SEARCH_REQUESTS = Number(process.env.LOAD_SEARCH_REQUESTS ?? 200_000);

/** One phase, at the run's duration and connections unless told otherwise. */
const measure = (name: string, url: string, requests: Req[], opts: { duration?: number; connections?: number } = {}): Promise<Figures> =>
  measurePhase(name, url, requests, { duration: opts.duration ?? DURATION, connections: opts.connections ?? CONNECTIONS });

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

function table(rows: Array<Record<string, string | number>>) {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(" | ")} |`;
  console.log(line(cols));
  console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

async function main() {
  console.log(
    `machine: ${availableParallelism()} cpu (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
  );
  console.log(`settings: ${DURATION} s per phase, ${CONNECTIONS} connections, branch ${BRANCH}`);
  let t0 = Date.now();
  let temp: TempStack | undefined;
  try {
    temp = await startTempStack("wuye-load-");
    const { stack } = temp;
    const base = stack.url;
    console.log(`stack up in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${base}`);

    // Created requests: id → expected milestone count, and tracking codes for the read phase.
    const created = new Map<string, number>();
    const trackingCodes: string[] = [];
    const intakeRequest = (tag: string) =>
      intakeOf(BRANCH, tag, (b) => {
        created.set(b.id, b.milestones.length);
        trackingCodes.push(b.trackingCode);
      });
    const bareInsert = bareRequest(BRANCH);

    // Warm-up: every route once by hand (workerd compiles lazily), then a short burst of each.
    t0 = Date.now();
    const token = await login(base, `agent@${BRANCH}.demo.example`, "Demo@2026");
    const warm = await measure("warm-up intake", base, [intakeRequest("warm")], { duration: 3, connections: 4 });
    await measure("warm-up bare", base, [bareInsert], { duration: 3, connections: 4 });
    console.log(
      `warm-up done in ${((Date.now() - t0) / 1000).toFixed(1)} s (intake ${fmt(warm.reqPerSec)}/s, statuses ${JSON.stringify(warm.statuses)})`,
    );

    // (a) the baseline, (b) intake, side by side in one run, then (a') the baseline again to spot drift.
    const bare = await measure("bare insert", base, [bareInsert]);
    const before = created.size;
    const intake = await measure("intake create", base, [intakeRequest("load")]);
    // The queue backlog right at the end of intake (the drain below starts after the bare run that follows it).
    const backlogOutbox = await scalar(branchDb(stack, BRANCH), "select count(*) from outbox where published_at is null");
    const backlogFacts = created.size - (await present(supervisionDb(stack), "request_facts", "request_id", [...created.keys()])).size;
    console.log(
      `intake acknowledged ${created.size - before} creates in the measured phase; at its end ${backlogOutbox} outbox rows unpublished, ${backlogFacts} requests without facts yet`,
    );
    const bareAfter = await measure("bare insert (again)", base, [bareInsert]);

    // Drain before the reads: no unpublished outbox rows, and every created request has its facts (or time out).
    const bdb = branchDb(stack, BRANCH);
    const sdb = supervisionDb(stack);
    const ids = [...created.keys()];
    t0 = Date.now();
    let pending = -1;
    let facts = -1;
    while (Date.now() - t0 < DRAIN_TIMEOUT_MS) {
      pending = await scalar(bdb, "select count(*) from outbox where published_at is null");
      facts = (await present(sdb, "request_facts", "request_id", ids)).size;
      if (pending === 0 && facts === ids.length) break;
      await sleep(1000);
    }
    const drainSeconds = (Date.now() - t0) / 1000;
    console.log(
      `drain: ${pending} unpublished outbox rows, ${facts}/${ids.length} request facts after ${fmt(drainSeconds)} s${pending === 0 && facts === ids.length ? "" : " (TIMED OUT)"}`,
    );

    // The register search's branch: SEARCH_REQUESTS requests written straight into its database.
    t0 = Date.now();
    await seedRequests(branchDb(stack, SEARCH_BRANCH), "BJY", SEARCH_REQUESTS);
    const searchToken = await login(base, `agent@${SEARCH_BRANCH}.demo.example`, "Demo@2026");
    const q = seededUnit(SEARCH_REQUESTS - 1_234);
    const inDb = await searchInDatabase(branchDb(stack, SEARCH_BRANCH), q, 100);
    console.log(
      `seeded ${SEARCH_REQUESTS} requests into ${SEARCH_BRANCH} in ${((Date.now() - t0) / 1000).toFixed(1)} s; register search q=${q} in the database (listRequests from Node, 100 sequential): p50 ${fmt(inDb.p50)} ms, p95 ${fmt(inDb.p95)} ms, ${inDb.rows} rows`,
    );

    // (d) polled reads, each block between two bare runs: the console list (agent token), the tracking page
    // (codes just created), the same two polls answered 304 (If-None-Match), and a register search (q).
    const reads = await pollPhases(base, token, trackingCodes, ids);
    const search = cycle([`/api/v1/console/requests?limit=25&q=${encodeURIComponent(q)}`], { authorization: `Bearer ${searchToken}` });
    // Every read route once by hand first (workerd compiles lazily), unmeasured.
    for (const r of [reads.list, reads.tracking, search]) await measure("warm-up read", base, r, { duration: 2, connections: 4 });
    const bareR1 = await measure("bare insert (reads, 1)", base, [bareInsert]);
    const consoleList = await measure("console list", base, reads.list);
    const tracking = await measure("tracking page", base, reads.tracking);
    const bareR2 = await measure("bare insert (reads, 2)", base, [bareInsert]);
    const tracking304 = await measure("tracking page 304", base, await reads.tracking304());
    const detail304 = await measure("request page 304", base, await reads.detail304());
    const bareR3 = await measure("bare insert (reads, 3)", base, [bareInsert]);
    const registerSearch = await measure("register search", base, search);
    const bareR4 = await measure("bare insert (reads, 4)", base, [bareInsert]);

    // Verify every acknowledged create.
    const inBranch = await present(bdb, "requests", "id", ids);
    const msRows = await present(bdb, "milestones", "request_id", ids);
    const reqFacts = await present(sdb, "request_facts", "request_id", ids);
    const msFacts = await present(sdb, "milestone_facts", "request_id", ids);
    let withMilestones = 0;
    let withFacts = 0;
    const missing: string[] = [];
    for (const [id, expected] of created) {
      const ms = msRows.get(id) ?? 0;
      if (ms >= expected && ms > 0) withMilestones++;
      const hasFacts = reqFacts.has(id) && (msFacts.get(id) ?? 0) >= ms && ms > 0;
      if (hasFacts) withFacts++;
      if (!inBranch.has(id) || ms < expected || !hasFacts) missing.push(id);
    }
    const totalRequests = await scalar(bdb, "select count(*) from requests");

    console.log("\n== load benchmark summary ==");
    table(
      [bare, intake, bareAfter, bareR1, consoleList, tracking, bareR2, tracking304, detail304, bareR3, registerSearch, bareR4].map((f) => ({
        phase: f.name,
        "ok req/s": fmt(f.reqPerSec),
        "p50 ms": fmt(f.p50, 0),
        "p95 ms": fmt(f.p95, 0),
        "p99 ms": fmt(f.p99, 0),
        responses: f.total,
        "2xx/304": f.ok,
        "non-2xx": f.non2xx,
        errors: f.errors,
        timeouts: f.timeouts,
      })),
    );
    // The machine's speed drifts between phases (±15 % here): the bare runs before and after intake
    // bracket it, and their mean cancels a steady drift. Each one alone is printed too.
    const ratioBefore = intake.reqPerSec / bare.reqPerSec;
    const ratioAfter = intake.reqPerSec / bareAfter.reqPerSec;
    const ratio = intake.reqPerSec / ((bare.reqPerSec + bareAfter.reqPerSec) / 2);
    console.log(
      `\nintake / bare insert: ${fmt(ratio * 100)} % of the mean of the bare runs before and after it (${fmt(ratioBefore * 100)} % of the one before, ${fmt(ratioAfter * 100)} % of the one after)`,
    );
    console.log(`intake statuses: ${JSON.stringify(intake.statuses)}`);
    // Each read against the mean of the bare runs right before and after its block.
    const against = (f: Figures, before: Figures, after: Figures, target: number, label = f.name) => {
      const r = f.reqPerSec / ((before.reqPerSec + after.reqPerSec) / 2);
      const lost = f.non2xx + f.errors + f.timeouts - (f.statuses["304"] ?? 0);
      console.log(
        `${label} / bare insert: ${fmt(r * 100)} % (${fmt(f.reqPerSec)} req/s, p95 ${fmt(f.p95, 0)} ms; bare ${fmt(before.reqPerSec)} and ${fmt(after.reqPerSec)}; target >= ${target} % ${r * 100 >= target ? "MET" : "NOT MET"}${lost ? `; ${lost} LOST` : ""})`,
      );
    };
    against(tracking, bareR1, bareR2, 85, "tracking");
    against(consoleList, bareR1, bareR2, 85);
    against(tracking304, bareR2, bareR3, 95, "304 path (tracking page)");
    against(detail304, bareR2, bareR3, 95, "304 path (request page)");
    against(registerSearch, bareR3, bareR4, 60, "register search");
    console.log(
      `register search in the database: p95 ${fmt(inDb.p95)} ms over ${SEARCH_REQUESTS} requests (target <= 30 ms ${inDb.p95 <= 30 ? "MET" : "NOT MET"})`,
    );
    console.log(
      `target: >= 150 creates/s ${intake.reqPerSec >= 150 ? "MET" : "NOT MET"}, p95 < 150 ms ${intake.p95 < 150 ? "MET" : "NOT MET"}, zero errors ${intake.non2xx + intake.errors + intake.timeouts === 0 ? "MET" : "NOT MET"}, ratio >= 60 % ${ratio >= 0.6 ? "MET" : "NOT MET"}`,
    );
    console.log("\n== durability of acknowledged creates ==");
    table([
      {
        acknowledged: created.size,
        "found in branch db": inBranch.size,
        "with milestones": withMilestones,
        "with supervision facts": withFacts,
        missing: missing.length,
        "drain s": fmt(drainSeconds),
        "requests in branch db (all)": totalRequests,
      },
    ]);
    if (missing.length) console.log(`first missing: ${missing.slice(0, 5).join(", ")}`);
  } catch (err) {
    console.error("load benchmark failed:", err);
  } finally {
    await temp?.close().catch((e) => console.error("stop failed:", e));
  }
}

await main();
process.exit(0);
