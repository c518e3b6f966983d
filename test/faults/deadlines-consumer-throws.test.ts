// The deadlines consumer throwing on every third message it handles (the test-only switch
// FAULT_FAIL_EVERY=3, set for this stack's deadlines worker alone; alternately before its work and after
// it): the failed messages are retried, and in the end every request has exactly its milestones' facts,
// one request fact, each created event processed once, and the branch-day rollup counts each request once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startTempStack, supervisionDb, type TempStack } from "../load/lib.ts";
import { checkFacts, type Created, createPublic, poll } from "./helpers.ts";

const BRANCH = "yangguang";
const REQUESTS = 30;
const LANES = 6;

// A mix of kinds and clocks: plain and urgent repairs, complaints, inquiries.
const VARIANTS: Array<Record<string, unknown>> = [
  {},
  { category: "water-outage" },
  { kind: "complaint", category: "attitude" },
  { kind: "inquiry", category: "property-info" },
  { category: "small-repair" },
];

describe("the deadlines consumer throws on every third message", () => {
  let temp: TempStack;
  const logs: string[] = [];
  beforeAll(async () => {
    temp = await startTempStack("wuye-fault-throw-", false, {
      workerVars: { deadlines: { FAULT_FAIL_EVERY: "3" } },
      log: (l) => logs.push(l),
    });
  });
  afterAll(async () => {
    await temp?.close();
  });

  it("retries the failed messages, then every milestone and fact is correct and written once", async () => {
    const { stack } = temp;
    const started = Date.now();
    const created: Created[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < REQUESTS) {
          const n = next++;
          const variant = VARIANTS[n % VARIANTS.length]!;
          created.push(await createPublic(stack, BRANCH, n, "fault-throw", variant));
        }
      }),
    );
    const ids = created.map((c) => c.id);
    const expectedMilestones = created.reduce((n, c) => n + c.milestones.length, 0);

    const done = await poll(
      "every request's facts",
      async () => {
        const c = await checkFacts(stack, BRANCH, ids);
        return c.mismatches.length === 0 && c.processedEvents === c.events ? c : undefined;
      },
      90_000,
      1_000,
    );
    const settledMs = Date.now() - started;
    await sleep(3_000); // a late retry of an already handled message must change nothing
    const again = await checkFacts(stack, BRANCH, ids);
    const injected = logs.filter((l) => l.includes("injected fault")).length;
    console.log(
      `requests ${again.requests}, milestones ${again.milestones} (responses listed ${expectedMilestones}), matching milestone facts ${again.matchingMilestoneFacts}, ` +
        `request facts ${again.withRequestFact}, created events ${again.events}, processed ${again.processedEvents}; injected faults logged: ${injected}; settled after ${settledMs} ms`,
    );

    expect(done.requests).toBe(REQUESTS);
    expect(again).toEqual(done);
    expect(again.mismatches).toEqual([]);
    expect(again.milestones).toBe(expectedMilestones);
    expect(again.matchingMilestoneFacts).toBe(expectedMilestones);
    expect(again.strayMilestoneFacts).toBe(0);
    expect(again.withRequestFact).toBe(REQUESTS);
    expect(again.events).toBe(REQUESTS);
    expect(again.processedEvents).toBe(REQUESTS);
    // The switch did fire: at least a third of the first deliveries failed, and each failure was retried.
    expect(injected).toBeGreaterThanOrEqual(Math.floor(REQUESTS / 3));

    // The branch-day rollup (recomputed by every fact write, concurrently) counts each request once.
    const sdb = supervisionDb(stack);
    const facts = await sdb.execute({
      sql: "select branch_id, min(created_at) as t from request_facts where request_id = ?",
      args: [ids[0]!],
    });
    const branchId = String(facts.rows[0]!.branch_id);
    const rollup = await sdb.execute({
      sql: "select coalesce(sum(requests), 0) as n from request_rollups where branch_id = ?",
      args: [branchId],
    });
    const factCount = await sdb.execute({ sql: "select count(*) as n from request_facts where branch_id = ?", args: [branchId] });
    expect(Number(rollup.rows[0]!.n)).toBe(Number(factCount.rows[0]!.n));
  });
});
