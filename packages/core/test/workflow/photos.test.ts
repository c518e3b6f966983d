import { describe, expect, it } from "vitest";
import { defaultBranchSettings } from "../../src/branch/settings.ts";
import { initialRecord, planStep, type StepContext, type WorkOrder } from "../../src/workflow/index.ts";

// Before and after photos at arrive and complete-work, and the drawn signature at the sign-off: the steps name
// the uploads they attach (the worker checks and links them in the step's transaction) and keep them on the order.

const T0 = Date.parse("2026-03-02T01:00:00.000Z");
const A = "att_0000000000aaaaaaaaaaaa";
const B = "att_0000000000bbbbbbbbbbbb";

function ctx(record: unknown, technician: boolean): StepContext<WorkOrder> {
  return {
    now: T0,
    actor: technician ? { staffId: "staff-technician", role: "technician" } : null,
    settings: defaultBranchSettings(),
    request: {
      id: "req_1",
      kind: "repair",
      category: null,
      unitId: null,
      communityId: "c1",
      channel: "portal",
      ownerId: null,
      assigneeId: "staff-technician",
      trackingCode: "YG-AAAAA-BBBBB-CCCCC-DDDDD",
    },
    record: record as WorkOrder,
  };
}
const who = { role: "technician" } as const;
const base = () => ({
  ...initialRecord({ id: "req_1", kind: "repair", channel: "portal", createdAt: T0 }),
  item: { code: "x", standard: true },
});

describe("photos and the signature on the work order", () => {
  it("arrive keeps the before photos and names them to be attached", () => {
    const p = planStep("repair", "arrive", { confirmed: true, photos: [A, B] }, "dispatched", who, ctx(base(), true));
    expect((p.effect.record as unknown as WorkOrder).onSite?.photos).toEqual([A, B]);
    expect(p.effect.attachments).toEqual([
      { id: A, purpose: "photo" },
      { id: B, purpose: "photo" },
    ]);
    const none = planStep("repair", "arrive", { confirmed: true }, "dispatched", who, ctx(base(), true));
    expect(none.effect.attachments).toEqual([]);
    expect(none.effect.data).toEqual({ confirmed: true });
  });

  it("refuses what is not an upload id, a photo twice, and more than six", () => {
    for (const photos of [["../etc/passwd"], [A, A], Array.from({ length: 7 }, (_, i) => `att_0000000000${String(i).repeat(12)}`)])
      expect(() => planStep("repair", "arrive", { confirmed: true, photos }, "dispatched", who, ctx(base(), true))).toThrow();
  });

  it("complete-work keeps the after photos; confirm-completion keeps the drawn signature", () => {
    const quoted = { ...base(), quotes: [{ lines: [], labourFen: 100, materialFen: 0, totalFen: 100, decision: { accepted: true } }] };
    const done = planStep(
      "repair",
      "complete-work",
      { workDone: "换了阀芯", materials: [], photos: [B] },
      "inProgress",
      who,
      ctx(quoted, true),
    );
    expect((done.effect.record as unknown as WorkOrder).work?.photos).toEqual([B]);
    expect(done.effect.attachments).toEqual([{ id: B, purpose: "photo" }]);
    const signed = planStep(
      "repair",
      "confirm-completion",
      { amountFen: 100, signature: "周业主", signatureId: A },
      "awaitingAcceptance",
      "resident",
      ctx(done.effect.record, false),
    );
    expect((signed.effect.record as unknown as WorkOrder).acceptance).toMatchObject({
      signature: "周业主",
      signatureId: A,
      by: "resident",
    });
    expect(signed.effect.attachments).toEqual([{ id: A, purpose: "signature" }]);
  });
});
