// The clock jumping forward a day: two sweeps at now + 24 h + 1 min turn each due breach and escalation of
// an urgent repair into exactly one notification (outbox row `ntf_<milestoneId>_<key>`), and the notify
// consumer puts each into the staff inbox exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { branchDb, sleep, startTempStack, supervisionDb, type TempStack } from "../load/lib.ts";
import { createPublic, poll } from "./helpers.ts";

const BRANCH = "yangguang";
const DAY = 86_400_000;

describe("clock jumps forward a day", () => {
  let temp: TempStack;
  beforeAll(async () => {
    temp = await startTempStack("wuye-fault-clock-");
  });
  afterAll(async () => {
    await temp?.close();
  });

  it("sends each breach and escalation once, and the staff inbox gets each once", async () => {
    const { stack } = temp;
    const created = await createPublic(stack, BRANCH, 1, "fault-clock", {
      category: "water-outage",
      description: `fault-clock ${Date.now()}: 3栋水泵坏了，全楼停水`,
    });
    expect(created.urgency).toBe("urgent");

    // The deadlines consumer has written the facts of every milestone the request started.
    const sdb = supervisionDb(stack);
    const bdb = branchDb(stack, BRANCH);
    const milestoneCount = Number(
      (await bdb.execute({ sql: "select count(*) from milestones where request_id = ?", args: [created.id] })).rows[0]![0],
    );
    const facts = await poll("milestone facts", async () => {
      const rs = await sdb.execute({
        sql: "select milestone_id, schedule, due_at from milestone_facts where request_id = ?",
        args: [created.id],
      });
      return rs.rows.length >= milestoneCount && milestoneCount > 0 ? rs.rows : undefined;
    });

    const sweepAt = Date.now() + DAY + 60_000;
    const sweep = async () => {
      const r = await fetch(`${stack.url}/api/v1/dev/sweep`, { method: "POST", headers: { "x-sweep-at": String(sweepAt) } });
      expect(r.status).toBe(200);
      return (await r.json()) as { notices: number; checked: number };
    };
    const first = await sweep();
    const second = await sweep();
    console.log(`sweep 1: ${JSON.stringify(first)}, sweep 2: ${JSON.stringify(second)}`);

    // Expected: every breach and escalation due by sweepAt (warnings of a clock already past due are recorded, not sent).
    const expected = new Set<string>();
    for (const f of facts) {
      const schedule = JSON.parse(String(f.schedule)) as Array<{ key: string; at: number }>;
      for (const n of schedule) {
        if (n.at > sweepAt || n.key.startsWith("warn:")) continue;
        expected.add(`ntf_${String(f.milestone_id)}_${n.key.replace(/[^a-z0-9]/gi, "-")}`);
      }
    }
    expect(expected.size).toBeGreaterThan(0);

    const ids = [...expected];
    const marks = ids.map(() => "?").join(",");
    const mids = facts.map((f) => String(f.milestone_id));
    const outbox = await bdb.execute({
      sql: `select id from outbox where topic = 'notifications' and (${mids.map(() => "id like ?").join(" or ")})`,
      args: mids.map((m) => `ntf_${m}_%`),
    });
    const outboxIds = outbox.rows.map((r) => String(r.id)).sort();
    expect(outboxIds).toEqual([...ids].sort()); // each once, nothing else (no warnings, no second copies)
    expect(second.notices).toBe(0);

    // The notify consumer delivers each to the staff inbox exactly once.
    const inbox = await poll(
      "inbox rows",
      async () => {
        const rs = await bdb.execute({
          sql: `select notification_id, recipient_type, recipient_id, count(*) as n from inbox where notification_id in (${marks}) group by 1, 2, 3`,
          args: ids,
        });
        return new Set(rs.rows.map((r) => String(r.notification_id))).size === ids.length ? rs.rows : undefined;
      },
      45_000,
    );
    await sleep(2_000); // any late duplicate would show now
    const again = await bdb.execute({
      sql: `select notification_id, count(*) as n from inbox where notification_id in (${marks}) group by 1`,
      args: ids,
    });
    for (const r of inbox) {
      expect(r.recipient_type).toBe("staff");
      expect(Number(r.n)).toBe(1);
    }
    // The seeded branch has one service supervisor and one branch manager: one staff row per notification.
    expect(again.rows.map((r) => [String(r.notification_id), Number(r.n)]).sort()).toEqual(ids.sort().map((id) => [id, 1]));
    console.log(`notifications: ${ids.length} (${ids.map((i) => i.split("_").slice(-1)[0]).join(", ")})`);
  });
});
