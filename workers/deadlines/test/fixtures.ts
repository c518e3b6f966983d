import { env } from "cloudflare:test";
import { classifyUrgency, DEFAULT_CATEGORIES, DEFAULT_POLICY, defaultBranchSettings, planIntake, type RequestKind } from "@wuye/core";
import { type Databases, openDatabases, type OutboxMessage, recordIntake } from "@wuye/db";

export const dbs = (): Databases => openDatabases(env);

/** Writes a request exactly as the API's intake does (core plan + one transaction with its outbox row). */
export async function submit(branchSlug: string, kind: RequestKind, category: string, at: number) {
  const d = dbs();
  const branch = (await d.branch({ slug: branchSlug }))!;
  const plan = planIntake(
    { kind, category, description: "测试", contact: { name: "测试", phone: "13800138000" }, location: { area: "大堂" } },
    {
      branch,
      settings: defaultBranchSettings(),
      policy: DEFAULT_POLICY,
      channel: "phone",
      actor: null,
      dutyOwnerId: null,
      place: { area: "大堂", communityId: null },
      now: at,
    },
  );
  expect(classifyUrgency(DEFAULT_CATEGORIES, kind, category)).toBe(plan.request.urgency);
  const outbox = await recordIntake(d.branchDb(branch), plan, branch);
  return { branch, plan, outbox };
}

/** A send function that records what would reach each queue, or fails on demand. */
export function recorder() {
  const sent: Record<string, Array<Record<string, unknown>>> = { "request-events": [], notifications: [] };
  let failing = false;
  return {
    sent,
    fail(on: boolean) {
      failing = on;
    },
    send: async (topic: string, messages: OutboxMessage[]) => {
      if (failing) throw new Error("queue unavailable");
      sent[topic]!.push(...messages.map((m) => ({ ...m.payload, outboxId: m.outboxId })));
    },
  };
}
import { expect } from "vitest";
