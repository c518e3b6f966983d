import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { DEFAULT_POLICY, defaultBranchSettings, planIntake } from "@wuye/core";
import { openDatabases, recordIntake } from "@wuye/db";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";

async function run(bodies: unknown[]) {
  const batch = createMessageBatch("notifications", bodies.map((body, i) => ({ id: `n${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env as never, ctx);
  return getQueueResult(batch, ctx);
}

describe("notify consumer", () => {
  it("renders in the recipient's language into the inbox, once per notification however often it arrives", async () => {
    const dbs = openDatabases(env);
    const branch = (await dbs.branch({ slug: "yangguang" }))!;
    const at = Date.parse("2026-11-20T15:50:00Z");
    const plan = planIntake(
      { kind: "repair", category: "elevator-failure", description: "电梯困人", contact: { name: "林", phone: "13800138001" }, location: { area: "2栋" } },
      { branch, settings: defaultBranchSettings(), policy: DEFAULT_POLICY, channel: "phone", actor: null, place: { area: "2栋", communityId: null }, residentId: null, now: at },
    );
    await recordIntake(dbs.branchDb(branch), plan, branch);
    const n = {
      notificationId: `ntf_${plan.milestones[0]!.id}_breach`,
      type: "milestone.breach",
      branchId: branch.id,
      orgId: branch.orgId,
      requestId: plan.request.id,
      milestone: "onSite",
      kind: "repair",
      dueAt: at + 7_200_000,
      recipients: ["owner"],
    };
    const first = await run([n, n, { nonsense: 1 }]);
    expect(first.explicitAcks).toHaveLength(3);
    await run([n]);
    const rows = await dbs.branchDb(branch).$client.execute({ sql: "select recipient_id, title, body from inbox where notification_id = ?", args: [n.notificationId] });
    const supervisors = await dbs.control.$client.execute({ sql: "select id from staff where branch_id = ? and role = 'serviceSupervisor'", args: [branch.id] });
    expect(rows.rows).toHaveLength(supervisors.rows.length); // no owner yet: the supervisor is told
    expect(rows.rows[0]!.title).toBe("【已超时】到场");
    expect(String(rows.rows[0]!.body)).toContain(plan.request.trackingCode);
  });

  it("retries a notification whose request is not visible yet", async () => {
    const dbs = openDatabases(env);
    const branch = (await dbs.branch({ slug: "binjiang" }))!;
    const result = await run([{ notificationId: "ntf_x", type: "milestone.breach", branchId: branch.id, orgId: branch.orgId, requestId: "req_missing", recipients: ["owner"] }]);
    expect(result.retryMessages).toHaveLength(1);
  });
});
