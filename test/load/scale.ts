// The scale model's check (docs/scale.md): the deadlines consumer driven at the event rate of N branches,
// and the minute sweep over B branches, against the project's libSQL server (one supervision database).
// Run: pnpm --filter @wuye/test exec tsx load/scale.ts
//   SCALE_BRANCHES (extra branches provisioned for the sweep, default 60), SCALE_SECONDS (per rate, default 10),
//   SCALE_RATES (branch counts to simulate, default 1000,3000,10000,30000).
import { DEFAULT_POLICY, defaultBranchSettings, newId, planIntake } from "@wuye/core";
import { type BranchRow, createControlDb, openDatabases, recordIntake } from "@wuye/db";
import { provisionBranch, startTestDatabases } from "@wuye/infra";
import { handleRequestEvents } from "../../workers/deadlines/src/consume.ts";

import { sweep } from "../../workers/deadlines/src/sweep.ts";

const EXTRA_BRANCHES = Number(process.env.SCALE_BRANCHES ?? 60);
const SECONDS = Number(process.env.SCALE_SECONDS ?? 10);
const RATES = (process.env.SCALE_RATES ?? "1000,3000,10000,30000").split(",").map(Number);
/** The model's figures per branch (docs/scale.md): requests a day, events per request, peak hour share. */
const REQUESTS_PER_BRANCH_DAY = 40;
const EVENTS_PER_REQUEST = 6;
const PEAK_HOUR_SHARE = 0.1;
const BATCH = 100; // the request-events queue's max_batch_size
type RequestEventMessage = Parameters<typeof handleRequestEvents>[1][number];

const peakEventsPerSecond = (branches: number) => (branches * REQUESTS_PER_BRANCH_DAY * EVENTS_PER_REQUEST * PEAK_HOUR_SHARE) / 3600;
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * xs.length) - 1)] ?? Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const t = await startTestDatabases();
  try {
    const dbs = openDatabases({ CONTROL_DB_URL: t.controlUrl, SUPERVISION_DB_URL: t.supervisionUrl, LIBSQL_AUTH_TOKEN: t.token });
    const demo = await dbs.branches();
    // Requests to derive facts from: 300 in each demo branch, written as intake writes them.
    const requests: Array<{ branch: BranchRow; id: string }> = [];
    for (const branch of demo) {
      for (let i = 0; i < 300; i++) {
        const plan = planIntake(
          {
            kind: i % 3 ? "repair" : "complaint",
            category: i % 3 ? "small-repair" : "attitude",
            description: `模拟 ${i}`,
            contact: { name: "模拟", phone: `1380000${String(i).padStart(4, "0")}` },
            location: { area: "大堂" },
          },
          {
            branch,
            settings: defaultBranchSettings(),
            policy: DEFAULT_POLICY,
            channel: "phone",
            actor: null,
            dutyOwnerId: null,
            place: { area: "大堂", communityId: null },
            now: Date.now(),
          },
        );
        await recordIntake(dbs.branchDb(branch), plan, branch);
        requests.push({ branch, id: plan.request.id });
      }
    }
    const event = (k: number): RequestEventMessage => {
      const r = requests[k % requests.length]!;
      const eventId = newId("evt");
      return {
        outboxId: `obx_${eventId}`,
        eventId,
        type: "request.changed",
        requestId: r.id,
        branchId: r.branch.id,
        orgId: r.branch.orgId,
        at: Date.now(),
      };
    };

    // (1) The consumer at the peak event rate of N branches: each second's events in queue batches of 100.
    console.log(
      `consumer: ${REQUESTS_PER_BRANCH_DAY} requests/branch/day × ${EVENTS_PER_REQUEST} events × ${PEAK_HOUR_SHARE * 100} % in the peak hour; ${SECONDS} s per rate`,
    );
    let k = 0;
    for (const branches of RATES) {
      const rate = peakEventsPerSecond(branches);
      const batchMs: number[] = [];
      let done = 0;
      let due = 0;
      const started = Date.now();
      while (Date.now() - started < SECONDS * 1000) {
        due = Math.floor(((Date.now() - started) / 1000) * rate);
        if (done >= due) {
          await sleep(Math.min(50, ((done + 1) / rate) * 1000 - (Date.now() - started)));
          continue;
        }
        const n = Math.min(BATCH, due - done);
        const events = Array.from({ length: n }, () => event(k++));
        const t0 = performance.now();
        const outcomes = await handleRequestEvents(dbs, events, Date.now());
        batchMs.push(performance.now() - t0);
        if (outcomes.some((o) => o !== "done")) throw new Error(`outcomes ${outcomes.join(",")}`);
        done += n;
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `  ${String(branches).padStart(6)} branches: offered ${rate.toFixed(1)} events/s, handled ${(done / seconds).toFixed(1)}/s (${done} events in ${batchMs.length} batches, batch p50 ${pct(batchMs, 0.5).toFixed(0)} / p95 ${pct(batchMs, 0.95).toFixed(0)} ms), backlog at the end ${Math.max(0, due - done)}`,
      );
    }
    // The ceiling: full batches back to back, one consumer (writes to one database are serial anyway).
    const full: number[] = [];
    const t0 = Date.now();
    let handled = 0;
    while (Date.now() - t0 < SECONDS * 1000) {
      const s = performance.now();
      await handleRequestEvents(
        dbs,
        Array.from({ length: BATCH }, () => event(k++)),
        Date.now(),
      );
      full.push(performance.now() - s);
      handled += BATCH;
    }
    const ceiling = handled / ((Date.now() - t0) / 1000);
    console.log(
      `  ceiling: ${ceiling.toFixed(0)} events/s in full batches (p50 ${pct(full, 0.5).toFixed(0)} / p95 ${pct(full, 0.95).toFixed(0)} ms a batch) = the peak of ${Math.floor(ceiling / peakEventsPerSecond(1))} branches`,
    );

    // (2) The minute sweep over B branches: its per-branch work is three round trips, one branch after another.
    const control = createControlDb({ url: t.controlUrl, authToken: t.token });
    const orgId = demo[0]!.orgId;
    const p0 = Date.now();
    for (let i = 0; i < EXTRA_BRANCHES; i++) {
      const slug = `sim${i}`;
      await provisionBranch(t.host, control, {
        id: newId("br"),
        orgId,
        regionId: null,
        slug,
        trackingPrefix: `S${String(i).padStart(2, "0")}`,
        name: slug,
        nameEn: slug,
        servicePhone: "0",
        complaintPhone: "0",
      });
    }
    console.log(`sweep: provisioned ${EXTRA_BRANCHES} more branches in ${((Date.now() - p0) / 1000).toFixed(1)} s`);
    const fresh = openDatabases({ CONTROL_DB_URL: t.controlUrl, SUPERVISION_DB_URL: t.supervisionUrl, LIBSQL_AUTH_TOKEN: t.token });
    const count = (await fresh.branches()).length;
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await sweep(fresh, async () => {}, Date.now());
      runs.push(performance.now() - s);
    }
    const perBranch = pct(runs, 0.5) / count;
    console.log(
      `  ${count} branches: sweep p50 ${pct(runs, 0.5).toFixed(0)} ms (${perBranch.toFixed(2)} ms a branch, local server); at 10,000 branches ≈ ${((perBranch * 10_000) / 1000).toFixed(0)} s here, ≈ ${((10_000 * 3 * 20) / 1000).toFixed(0)} s at 20 ms a round trip to Turso`,
    );
  } finally {
    await t.close();
  }
}

await main().catch((err) => {
  console.error("scale simulation failed:", err);
  process.exitCode = 1;
});
process.exit();
