import { describe, expect, it } from "vitest";
import { HANDOVER_SIGN_GRACE_MS, handoverState, selectHandoverItems } from "../../src/frontdesk/index.ts";

const NOW = Date.parse("2026-05-01T12:00:00Z");
const req = (id: string, ownerId: string | null, status = "received") => ({
  id,
  trackingCode: `YG-${id}`,
  kind: "repair",
  status,
  ownerId,
  description: `desc ${id}`,
});
const ms = (id: string, requestId: string, dueAt: number | null, status = "open") => ({ id, requestId, name: "repaired", status, dueAt });

describe("handover auto-fill", () => {
  it("takes the shift's own open requests and every overdue milestone of an open request, once, oldest first", () => {
    const items = selectHandoverItems({
      ownerId: "stf_a",
      requests: [req("r1", "stf_a"), req("r2", "stf_a", "closed"), req("r3", "stf_b"), req("r4", "stf_b", "cancelled")],
      milestones: [
        ms("m1", "r3", NOW - 1000),
        ms("m2", "r3", NOW - 5000),
        ms("m3", "r3", NOW + 1000),
        ms("m4", "r4", NOW - 9000),
        ms("m5", "r1", NOW - 100, "met"),
        ms("m6", "r1", NOW - 100, "paused"),
        ms("m7", "r1", null, "paused"),
      ],
      now: NOW,
    });
    expect(items.map((i) => [i.source, i.refId])).toEqual([
      ["request", "r1"],
      ["milestone", "m2"],
      ["milestone", "m1"],
      ["milestone", "m6"],
    ]);
    expect(items[0]!.text).toBe("YG-r1 报修·已受理:desc r1");
    expect(items[1]!.text).toBe("YG-r3 “修复”已超时(应于 05/01 19:59 前完成)");
    const en = selectHandoverItems({ ownerId: "stf_a", requests: [req("r1", "stf_a")], milestones: [], now: NOW, locale: "en" });
    expect(en[0]!.text).toBe("YG-r1 Repair · Received: desc r1");
  });

  it("leaves out an archived complaint and its overdue milestones (archived is a closed status, like closed and cancelled)", () => {
    const archived = { ...req("c1", "stf_a", "archived"), kind: "complaint" };
    const open = { ...req("c2", "stf_a", "investigated"), kind: "complaint" };
    const items = selectHandoverItems({
      ownerId: "stf_a",
      requests: [archived, open],
      milestones: [ms("m1", "c1", NOW - 1000), ms("m2", "c2", NOW - 1000)],
      now: NOW,
    });
    expect(items.map((i) => [i.source, i.refId])).toEqual([
      ["request", "c2"],
      ["milestone", "m2"],
    ]);
  });

  it("is empty for a quiet shift", () => {
    expect(selectHandoverItems({ ownerId: "stf_a", requests: [], milestones: [], now: NOW })).toEqual([]);
  });
});

describe("handover state", () => {
  const items = (...signed: Array<number | null>) => signed.map((signedAt) => ({ signedAt }));
  it("waits for the incoming shift, then flags the supervisor after the grace period", () => {
    expect(handoverState({ createdAt: NOW, signedAt: null, items: items(null) }, NOW)).toEqual({
      status: "awaiting",
      unsignedItems: 1,
      flagged: false,
    });
    expect(handoverState({ createdAt: NOW, signedAt: null, items: items(null) }, NOW + HANDOVER_SIGN_GRACE_MS)).toMatchObject({
      status: "awaiting",
      flagged: true,
    });
  });
  it("is flagged when signed with items left unsigned, clean when all are signed", () => {
    expect(handoverState({ createdAt: NOW, signedAt: NOW, items: items(NOW, null) }, NOW)).toEqual({
      status: "partial",
      unsignedItems: 1,
      flagged: true,
    });
    expect(handoverState({ createdAt: NOW, signedAt: NOW, items: items(NOW, NOW) }, NOW + 10 * HANDOVER_SIGN_GRACE_MS)).toEqual({
      status: "signed",
      unsignedItems: 0,
      flagged: false,
    });
  });
});
