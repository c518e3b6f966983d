import { describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/index.ts";
import { type BranchSettings, defaultBranchSettings } from "../../src/branch/settings.ts";
import type { RequestKind } from "../../src/request/kind.ts";
import {
  allowedActions,
  initialRecord,
  NON_STANDARD,
  pickTechnician,
  planStep,
  priceQuote,
  type RecordOfKind,
  type StepContext,
  type StepPlan,
  type TechnicianLoad,
  warrantyEnds,
  warrantyLookback,
  type Who,
  withinWarranty,
  type WorkOrder,
} from "../../src/workflow/index.ts";

const T0 = Date.parse("2026-03-02T01:00:00.000Z"); // 09:00 in Shanghai
const MIN = 60_000;
const DAY = 86_400_000;

const TECHS: TechnicianLoad[] = [
  { id: "t-elec-c1", name: "电工", skills: ["electrical"], communities: ["c1"], openOrders: 0 },
  { id: "t-plumb-c2", name: "水工远", skills: ["plumbing"], communities: ["c2"], openOrders: 0 },
  { id: "t-plumb-c1-busy", name: "水工忙", skills: ["plumbing"], communities: ["c1"], openOrders: 5 },
  { id: "t-plumb-c1", name: "水工", skills: ["plumbing"], communities: ["c1"], openOrders: 2 },
  { id: "t-general-c1", name: "综合", skills: [], communities: ["c1"], openOrders: 1 },
];

/** The domain error a call throws, for looking at its code and field paths. */
function caught(fn: () => unknown): { code: string; message: string; extra: { errors?: Array<{ path: string; message: string }> } } {
  try {
    fn();
  } catch (e) {
    return e as never;
  }
  throw new Error("expected the call to throw");
}
function expectCode(fn: () => unknown, code: string, path?: string) {
  const e = caught(fn);
  expect(e.code, e.message).toBe(code);
  if (path !== undefined) expect(e.extra.errors?.map((x) => x.path)).toContain(path);
  return e;
}

const staff = (role: Role): Who => ({ role });
const RESIDENT = "resident" as const;

/** One request going through its workflow: each step is planned, then its effect is taken as the new record. */
class Flow<K extends RequestKind = RequestKind> {
  state: string;
  record: RecordOfKind<K>;
  settings: BranchSettings = defaultBranchSettings();
  warranty: StepContext["warranty"] = null;
  technicians: TechnicianLoad[] = TECHS;
  now = T0;
  communityId: string | null = "c1";
  /** The technician the order is with; dispatch moves it. */
  assigneeId: string | null = "staff-technician";
  last!: StepPlan<RecordOfKind<K>>;

  constructor(
    readonly kind: K,
    readonly channel = "phone",
  ) {
    this.state = "received";
    this.record = initialRecord({ id: "req_01HZZZ00abc123", kind, channel, createdAt: T0 });
  }

  ctx(who: Who): StepContext<RecordOfKind<K>> {
    return {
      now: this.now,
      actor: who === "resident" ? null : { staffId: `staff-${who.role}`, role: who.role },
      settings: this.settings,
      request: {
        id: "req_01HZZZ00abc123",
        kind: this.kind,
        category: null,
        unitId: "u1",
        communityId: this.communityId,
        channel: this.channel,
        ownerId: "staff-agent",
        assigneeId: this.assigneeId,
        trackingCode: "TRK-1",
      },
      record: this.record,
      warranty: this.warranty,
      technicians: this.technicians,
    };
  }

  /** Plans without applying. */
  plan(action: string, input: unknown, who: Who, state = this.state): StepPlan<RecordOfKind<K>> {
    return planStep(this.kind, action, input, state, who, this.ctx(who));
  }

  /** Plans and applies (state and record move on). */
  do(action: string, input: unknown, who: Who): StepPlan<RecordOfKind<K>> {
    const p = this.plan(action, input, who);
    this.state = p.state;
    this.record = p.effect.record;
    this.last = p;
    this.now += MIN;
    return p;
  }

  get wo(): WorkOrder {
    return this.record as WorkOrder;
  }
}

const agent = staff("agent");
const tech = staff("technician");
const eng = staff("engineeringSupervisor");
const sup = staff("serviceSupervisor");

/** A standard repair taken to the quote. */
function quotedRepair(itemCode = "tap-washer", lines = [{ code: itemCode, qty: 1 }]) {
  const f = new Flow("repair");
  f.do("dispatch", { itemCode }, agent);
  f.do("arrive", { confirmed: true }, tech);
  f.do("quote", { lines }, tech);
  return f;
}
/** A standard repair with the work done, awaiting the resident's acceptance. */
function doneRepair(f = quotedRepair()) {
  f.do("accept-quote", {}, RESIDENT);
  f.do("complete-work", { workDone: "更换阀芯", materials: [{ name: "阀芯", qty: 1, suppliedBy: "branch" }] }, tech);
  return f;
}

describe("repair: a new work order", () => {
  it("starts with an empty work order numbered by the local date", () => {
    const f = new Flow("repair");
    expect(f.wo).toEqual({
      number: "WO20260302-ABC123",
      dispatches: [],
      quotes: [],
      refusals: [],
      materialsChecks: [],
      returns: [],
      warrantyOf: null,
      followUps: [],
    });
    expect(initialRecord({ id: "x", kind: "inquiry", channel: "phone", createdAt: T0 })).toEqual({});
  });

  it("refuses an unknown step naming the action", () => {
    expectCode(() => new Flow("repair").plan("teleport", {}, agent), "bad_input", "action");
    expectCode(() => new Flow("complaint").plan("dispatch", {}, agent), "bad_input", "action");
  });

  it("refuses a step the state does not allow before looking at the input", () => {
    expectCode(() => new Flow("repair").plan("quote", { nonsense: true }, tech), "invalid_transition");
    expectCode(() => new Flow("repair").plan("record-payment", { nonsense: true }, tech), "invalid_transition");
  });

  it("lists the steps each performer may take now", () => {
    const f = new Flow("repair");
    expect(allowedActions("repair", "received", agent, f.record)).toEqual(["refer-for-review", "dispatch", "withdraw"]);
    expect(allowedActions("repair", "received", RESIDENT, f.record)).toEqual(["withdraw"]);
    expect(allowedActions("repair", "received", staff("hqSupervisor"), f.record)).toEqual([]);
    expect(allowedActions("repair", "awaitingPayment", tech, f.record)).toEqual([]);
  });
});

describe("repair: dispatch", () => {
  it("picks the technician with the item's skill, serving the community, with the fewest open orders", () => {
    const f = new Flow("repair");
    const p = f.do("dispatch", { itemCode: "tap-washer" }, agent);
    expect(p.state).toBe("dispatched");
    expect(p.effect.assigneeId).toBe("t-plumb-c1");
    expect(p.effect.data).toMatchObject({ technicianId: "t-plumb-c1", auto: true, item: "tap-washer" });
    expect(f.wo.technicianId).toBe("t-plumb-c1");
    expect(f.wo.item).toEqual({
      code: "tap-washer",
      name: { "zh-CN": "更换水龙头阀芯", en: "Replace tap cartridge" },
      standard: true,
      skill: "plumbing",
    });
    expect(f.wo.dispatches).toEqual([{ technicianId: "t-plumb-c1", auto: true, by: "staff-agent", at: T0 }]);
    expect(p.effect.notices).toEqual([
      { type: "workOrder.dispatched", recipients: ["staff:t-plumb-c1"], params: { trackingCode: "TRK-1", item: "更换水龙头阀芯" } },
      {
        type: "request.dispatched",
        recipients: ["resident"],
        params: { trackingCode: "TRK-1", item: "更换水龙头阀芯", technician: "水工" },
      },
    ]);
    expect(p.effect.visit).toEqual({});
  });

  it("records the appointment (预约维修时间) and whether a key was left (留钥匙), and tells the resident both", () => {
    const f = new Flow("repair");
    const from = "2026-03-02T01:00:00Z";
    const to = "2026-03-02T03:00:00Z";
    const p = f.do("dispatch", { itemCode: "tap-washer", appointment: { from, to }, keyLeft: true }, agent);
    expect(p.effect.visit).toEqual({ appointmentFrom: Date.parse(from), appointmentTo: Date.parse(to), keyLeft: true });
    expect(f.wo.dispatches[0]).toMatchObject({ appointment: { from: Date.parse(from), to: Date.parse(to) }, keyLeft: true });
    const resident = p.effect.notices!.find((n) => n.recipients.includes("resident"))!;
    expect(resident.params).toMatchObject({ appointmentFrom: "2026-03-02T01:00:00.000Z", appointmentTo: "2026-03-02T03:00:00.000Z" });
    expect(p.effect.data).toMatchObject({ keyLeft: true, appointment: { from: Date.parse(from), to: Date.parse(to) } });
  });

  it("refuses an appointment that ends before it starts, and a key flag that is not a yes or no", () => {
    const f = new Flow("repair");
    const at = "2026-03-02T03:00:00Z";
    expectCode(
      () => f.plan("dispatch", { itemCode: "tap-washer", appointment: { from: at, to: at } }, agent),
      "bad_input",
      "appointment.to",
    );
    expectCode(() => f.plan("dispatch", { itemCode: "tap-washer", keyLeft: "yes" }, agent), "bad_input", "keyLeft");
  });

  it("prefers the skill over the community, and falls back to anyone when nobody has the skill", () => {
    const f = new Flow("repair");
    f.communityId = "c2";
    expect(f.plan("dispatch", { itemCode: "tap-washer" }, agent).effect.assigneeId).toBe("t-plumb-c2");
    f.communityId = "c9";
    expect(f.plan("dispatch", { itemCode: "tap-washer" }, agent).effect.assigneeId).toBe("t-plumb-c2"); // skilled, fewest orders
    f.communityId = "c1";
    expect(f.plan("dispatch", { itemCode: "socket-replace" }, agent).effect.assigneeId).toBe("t-elec-c1");
    expect(f.plan("dispatch", { itemCode: "door-lock" }, agent).effect.assigneeId).toBe("t-elec-c1"); // no carpenter: c1, 0 orders
  });

  it("takes a technician chosen by hand, and refuses an unknown one", () => {
    const f = new Flow("repair");
    const p = f.plan("dispatch", { itemCode: "tap-washer", technicianId: "t-plumb-c1-busy" }, agent);
    expect(p.effect.assigneeId).toBe("t-plumb-c1-busy");
    expect(p.effect.data.auto).toBe(false);
    expectCode(() => f.plan("dispatch", { itemCode: "tap-washer", technicianId: "t-nobody" }, agent), "bad_input", "technicianId");
  });

  it("needs an item from the price list and a technician", () => {
    const f = new Flow("repair");
    expectCode(() => f.plan("dispatch", {}, agent), "bad_input", "itemCode");
    expectCode(() => f.plan("dispatch", { itemCode: "gold-taps" }, agent), "bad_input", "itemCode");
    f.technicians = [];
    expectCode(() => f.plan("dispatch", { itemCode: "tap-washer" }, agent), "bad_input", "technicianId");
  });

  it("is not for a technician", () => {
    expectCode(() => new Flow("repair").plan("dispatch", { itemCode: "tap-washer" }, tech), "forbidden");
  });
});

describe("pickTechnician", () => {
  const t = (id: string, skills: string[], communities: string[], openOrders: number): TechnicianLoad => ({
    id,
    name: id,
    skills,
    communities,
    openOrders,
  });

  it("skill first, then community, then fewest open orders, then id", () => {
    const techs = [
      t("a", [], ["c1"], 0),
      t("b", ["plumbing"], ["c2"], 9),
      t("c", ["plumbing"], ["c1"], 4),
      t("d", ["plumbing"], ["c1"], 3),
    ];
    expect(pickTechnician(techs, { skill: "plumbing", communityId: "c1" })?.id).toBe("d");
    expect(pickTechnician(techs, { skill: "plumbing", communityId: "c2" })?.id).toBe("b");
    expect(pickTechnician(techs, { skill: "electrical", communityId: "c1" })?.id).toBe("a");
    expect(pickTechnician(techs, { skill: undefined, communityId: "c1" })?.id).toBe("a");
    expect(pickTechnician(techs, { skill: "plumbing", communityId: null })?.id).toBe("d");
    expect(pickTechnician([t("z", [], [], 1), t("y", [], [], 1)], { communityId: null })?.id).toBe("y");
    expect(pickTechnician([], { skill: "plumbing", communityId: "c1" })).toBeNull();
  });

  it("does not reorder its input", () => {
    const techs = [t("b", [], [], 2), t("a", [], [], 1)];
    pickTechnician(techs, { communityId: null });
    expect(techs.map((x) => x.id)).toEqual(["b", "a"]);
  });
});

describe("repair: quote", () => {
  it("prices the lines from the price list in fen, times the quantity", () => {
    const f = new Flow("repair");
    f.do("dispatch", { itemCode: "tap-washer" }, agent);
    f.do("arrive", { confirmed: true }, tech);
    const p = f.do(
      "quote",
      {
        lines: [
          { code: "tap-washer", qty: 2 },
          { code: "drain-unblock", qty: 1 },
        ],
      },
      tech,
    );
    expect(p.state).toBe("quoted");
    const q = f.wo.quotes[0]!;
    expect(q.lines.map((l) => [l.code, l.qty, l.labourFen, l.materialFen])).toEqual([
      ["tap-washer", 2, 4000, 3000],
      ["drain-unblock", 1, 5000, 0],
    ]);
    expect([q.labourFen, q.materialFen, q.totalFen]).toEqual([9000, 3000, 12000]);
    expect(q.warrantyOf).toBeNull();
    expect(q).toMatchObject({ by: "staff-technician", at: f.now - MIN });
    expect(p.effect.publicNote).toBe("quoted");
    expect(p.effect.data).toMatchObject({ totalFen: 12000, warrantyOf: null });
    expect(p.effect.notices).toEqual([
      { type: "workOrder.quoted", recipients: ["resident"], params: { trackingCode: "TRK-1", total: "¥120.00" } },
    ]);
  });

  it("refuses a code that is not on the price list, naming the lines", () => {
    const f = new Flow("repair");
    f.do("dispatch", { itemCode: "tap-washer" }, agent);
    f.do("arrive", { confirmed: true }, tech);
    const e = expectCode(
      () =>
        f.plan(
          "quote",
          {
            lines: [
              { code: "tap-washer", qty: 1 },
              { code: "gold-tap", qty: 1 },
            ],
          },
          tech,
        ),
      "bad_input",
      "lines",
    );
    expect(e.message).toContain("gold-tap");
    expectCode(() => f.plan("quote", { lines: [{ code: "tap-washer", qty: 0 }] }, tech), "bad_input", "lines.0.qty");
    expectCode(() => f.plan("quote", { lines: [] }, tech), "bad_input", "lines");
    expectCode(() => f.plan("quote", { lines: [{ code: "tap-washer", qty: 1 }] }, agent), "forbidden");
  });

  it("within the warranty the quote is free and linked to the original repair", () => {
    const f = new Flow("repair");
    f.warranty = { requestId: "req-original", trackingCode: "TRK-0", completedAt: T0 - 30 * DAY };
    f.do("dispatch", { itemCode: "leak-seal" }, agent);
    f.do("arrive", { confirmed: true }, tech);
    const p = f.do("quote", { lines: [{ code: "leak-seal", qty: 3 }] }, tech);
    expect(f.wo.quotes[0]).toMatchObject({ labourFen: 0, materialFen: 0, totalFen: 0, warrantyOf: "req-original" });
    expect(f.wo.quotes[0]!.lines[0]).toMatchObject({ labourFen: 24000, materialFen: 12000 }); // the lines still show the list price
    expect(f.wo.warrantyOf).toBe("req-original");
    expect(p.effect.publicNote).toBe("quoted-warranty");
    expect(p.effect.data).toMatchObject({ totalFen: 0, warrantyOf: "req-original", warrantyTrackingCode: "TRK-0" });
  });

  it("priceQuote: a non-standard line only at its reviewed price", () => {
    const list = defaultBranchSettings().priceList;
    const item = { code: NON_STANDARD, name: { "zh-CN": "晾衣架", en: "Clothes rack" }, standard: false, priceFen: 8000 };
    expect(priceQuote([{ code: NON_STANDARD, qty: 2 }], list, item, null)).toMatchObject({
      labourFen: 16000,
      materialFen: 0,
      totalFen: 16000,
    });
    expect(priceQuote([{ code: NON_STANDARD, qty: 1 }], list, undefined, null)).toEqual({ unknown: [NON_STANDARD] });
    expect(
      priceQuote(
        [
          { code: NON_STANDARD, qty: 1 },
          { code: "x-1", qty: 1 },
        ],
        list,
        { ...item, priceFen: undefined },
        null,
      ),
    ).toEqual({ unknown: [NON_STANDARD, "x-1"] });
  });
});

describe("repair: a non-standard item", () => {
  function referred() {
    const f = new Flow("repair");
    const p = f.do("refer-for-review", { item: "更换阳台晾衣架" }, agent);
    expect(p.state).toBe("review");
    expect(p.starts).toEqual([{ trigger: "dispatched-to-engineering" }]);
    expect(p.effect.notices).toEqual([
      { type: "workOrder.review", recipients: ["engineeringSupervisor"], params: { trackingCode: "TRK-1", item: "更换阳台晾衣架" } },
    ]);
    expect(f.wo.review).toEqual({ item: "更换阳台晾衣架", referredBy: "staff-agent", referredAt: T0 });
    return f;
  }

  it("a feasible item needs its price; an infeasible one needs a referral (严禁推诿)", () => {
    const f = referred();
    expectCode(() => f.plan("review", { feasible: true, note: "可以做" }, eng), "bad_input", "priceFen");
    expectCode(() => f.plan("review", { feasible: false, note: "做不了" }, eng), "bad_input", "referral");
    expectCode(() => f.plan("review", { feasible: true, priceFen: 8000, note: "可以做" }, agent), "forbidden");
    expectCode(() => f.plan("review", { feasible: true, priceFen: -1, note: "可以做" }, eng), "bad_input", "priceFen");
  });

  it("infeasible: closed, with who can help on record", () => {
    const f = referred();
    const p = f.do("review", { feasible: false, note: "需要专业厂家", referral: "厂家售后 400-000-0000" }, eng);
    expect(p.state).toBe("closed");
    expect(p.closes).toBe(true);
    expect(p.meets).toEqual(["review"]);
    expect(f.wo.review).toMatchObject({ feasible: false, referral: "厂家售后 400-000-0000", by: "staff-engineeringSupervisor" });
    expect(f.wo.item).toBeUndefined();
    // The resident is told it is closed (the referral is on their tracking page).
    expect(p.effect.notices).toEqual([{ type: "request.closed", recipients: ["resident"], params: { trackingCode: "TRK-1" } }]);
  });

  it("feasible: the resident must agree to the price before anyone is sent", () => {
    const f = referred();
    const p = f.do("review", { feasible: true, priceFen: 8000, note: "可以做" }, eng);
    expect(p.state).toBe("awaitingPriceApproval");
    expect(p.meets).toEqual(["review"]);
    expect(p.closes).toBe(false);
    expect(f.wo.item).toEqual({
      code: NON_STANDARD,
      name: { "zh-CN": "更换阳台晾衣架", en: "更换阳台晾衣架" },
      standard: false,
      priceFen: 8000,
    });
    expect(p.effect.notices).toEqual([
      {
        type: "workOrder.priceDecided",
        recipients: ["resident"],
        params: { trackingCode: "TRK-1", item: "更换阳台晾衣架", price: "¥80.00" },
      },
    ]);

    // Not from this state at all…
    expectCode(() => f.plan("dispatch", {}, agent), "invalid_transition");
    // …and the step itself refuses an unapproved non-standard item wherever dispatch is allowed.
    for (const state of ["received", "approved", "returned"]) expectCode(() => f.plan("dispatch", {}, agent, state), "conflict");

    const a = f.do("approve-price", { note: "同意" }, RESIDENT);
    expect(a.state).toBe("approved");
    expect(f.wo.priceApproval).toEqual({ approved: true, note: "同意", by: "resident", at: f.now - MIN });
    const d = f.do("dispatch", {}, agent);
    expect(d.state).toBe("dispatched");
    f.do("arrive", { confirmed: true }, tech);
    f.do("quote", { lines: [{ code: NON_STANDARD, qty: 1 }] }, tech);
    expect(f.wo.quotes[0]).toMatchObject({ totalFen: 8000, labourFen: 8000, materialFen: 0 });
  });

  it("a declined price closes the request", () => {
    const f = referred();
    f.do("review", { feasible: true, priceFen: 8000, note: "可以做" }, eng);
    expectCode(() => f.plan("decline-price", {}, RESIDENT), "bad_input", "reason");
    const p = f.do("decline-price", { reason: "太贵" }, agent);
    expect(p).toMatchObject({ state: "closed", closes: true });
    expect(f.wo.priceApproval).toMatchObject({ approved: false, note: "太贵", by: "staff-agent" });
  });
});

describe("repair: on site", () => {
  it("a correction to another price-list item is on record", () => {
    const f = new Flow("repair");
    f.do("dispatch", { itemCode: "tap-washer" }, agent);
    const p = f.do("arrive", { correction: { itemCode: "tap-replace", reason: "龙头本体开裂,需整体更换" } }, tech);
    expect(p.state).toBe("onSite");
    expect(p.meets).toEqual(["onSite"]);
    expect(p.effect.publicNote).toBe("on-site-corrected");
    expect(p.effect.data).toEqual({ from: "tap-washer", to: "tap-replace", reason: "龙头本体开裂,需整体更换" });
    expect(f.wo.item?.code).toBe("tap-replace");
    expect(f.wo.onSite).toMatchObject({
      confirmed: false,
      by: "staff-technician",
      correction: { from: { code: "tap-washer" }, to: { code: "tap-replace", standard: true }, reason: "龙头本体开裂,需整体更换" },
    });
    f.do("quote", { lines: [{ code: "tap-replace", qty: 1 }] }, tech);
    expect(f.wo.quotes[0]!.totalFen).toBe(3000);
  });

  it("confirms the item, or refuses a correction to an unknown item", () => {
    const f = new Flow("repair");
    f.do("dispatch", { itemCode: "tap-washer" }, agent);
    expect(f.plan("arrive", { confirmed: true }, tech).effect.record.onSite).toMatchObject({ confirmed: true });
    expectCode(() => f.plan("arrive", { correction: { itemCode: "gold-tap", reason: "x" } }, tech), "bad_input", "itemCode");
    expectCode(() => f.plan("arrive", {}, tech), "bad_input");
    expectCode(() => f.plan("arrive", { confirmed: true }, agent), "forbidden");
  });
});

describe("repair: a refused quote", () => {
  it("needs two people to sign: the supervisor who signed as technician cannot also approve", () => {
    const f = quotedRepair();
    f.do("refuse-quote", { reason: "价格太高" }, RESIDENT);
    f.do("sign-refusal", {}, eng);
    expectCode(() => f.plan("approve-refusal", {}, eng), "conflict");
  });

  it("refuse → technician signs → supervisor approves → back at the service center, then dispatched again", () => {
    const f = quotedRepair();
    const r = f.do("refuse-quote", { reason: "价格太高" }, RESIDENT);
    expect(r.state).toBe("refused");
    expect(r.effect.notices).toEqual([
      { type: "workOrder.refused", recipients: ["staff:t-plumb-c1"], params: { trackingCode: "TRK-1", reason: "价格太高" } },
    ]);
    expect(f.wo.quotes[0]!.decision).toMatchObject({ accepted: false, reason: "价格太高", by: "resident" });
    expect(f.wo.refusal).toMatchObject({ reason: "价格太高", recordedBy: "resident" });

    expectCode(() => f.plan("sign-refusal", {}, agent), "forbidden");
    const s = f.do("sign-refusal", {}, tech);
    expect(s.state).toBe("refusalSigned");
    expect(s.effect.notices?.[0]?.recipients).toEqual(["engineeringSupervisor"]);
    expect(f.wo.refusal).toMatchObject({ technicianSignedBy: "staff-technician" });

    expectCode(() => f.plan("approve-refusal", {}, tech), "forbidden");
    const a = f.do("approve-refusal", { note: "核实" }, eng);
    expect(a.state).toBe("returned");
    expect(a.effect.assigneeId).toBeNull();
    expect(f.wo.refusal).toBeUndefined();
    expect(f.wo.refusals).toHaveLength(1);
    expect(f.wo.refusals[0]).toMatchObject({
      reason: "价格太高",
      technicianSignedBy: "staff-technician",
      supervisorSignedBy: "staff-engineeringSupervisor",
    });

    // A second round works.
    expect(f.do("dispatch", {}, agent).state).toBe("dispatched");
    expect(f.wo.dispatches).toHaveLength(2);
    expect(f.do("arrive", { confirmed: true }, tech).state).toBe("onSite");
    expect(f.do("quote", { lines: [{ code: "tap-washer", qty: 1 }] }, tech).state).toBe("quoted");
    expect(f.wo.quotes).toHaveLength(2);
    expect(f.do("accept-quote", {}, RESIDENT).state).toBe("inProgress");
    expect(f.wo.quotes[1]!.decision).toMatchObject({ accepted: true });
    expect(f.do("complete-work", { workDone: "更换阀芯", materials: [] }, tech).state).toBe("awaitingAcceptance");
  });
});

describe("repair: completion and payment", () => {
  it("complete-work needs an accepted quote on record", () => {
    const f = quotedRepair();
    // The worker's state says the work is under way, but the quote was never accepted.
    expectCode(() => f.plan("complete-work", { workDone: "x", materials: [] }, tech, "inProgress"), "conflict");
    f.do("refuse-quote", { reason: "不修了" }, RESIDENT);
    expectCode(() => f.plan("complete-work", { workDone: "x", materials: [] }, tech, "inProgress"), "conflict");
  });

  it("the amount of the completed work is the accepted quote", () => {
    const f = doneRepair();
    expect(f.last.meets).toEqual(["repaired"]);
    expect(f.wo.work).toMatchObject({ totalFen: 3500, labourFen: 2000, materialFen: 1500, done: "更换阀芯" });
    expect(f.last.effect.notices?.[0]).toMatchObject({
      type: "workOrder.completed",
      recipients: ["resident"],
      params: { total: "¥35.00" },
    });
  });

  it("materials supplied by the resident are checked; a poor one needs the resident warned", () => {
    const f = quotedRepair();
    f.do("accept-quote", {}, RESIDENT);
    expectCode(
      () => f.plan("check-materials", { material: "自购阀芯", result: "poor", residentWarned: false }, tech),
      "bad_input",
      "residentWarned",
    );
    const p = f.do("check-materials", { material: "自购阀芯", result: "poor", residentWarned: true }, tech);
    expect(p.state).toBe("inProgress");
    expect(f.wo.materialsChecks).toEqual([
      { material: "自购阀芯", result: "poor", residentWarned: true, by: "staff-technician", at: f.now - MIN },
    ]);
    expect(f.plan("check-materials", { material: "自购管件", result: "pass", residentWarned: false }, tech).state).toBe("inProgress");
  });

  it("confirm-completion: the wrong amount is refused; the right one is payable", () => {
    const f = doneRepair();
    expectCode(() => f.plan("confirm-completion", { amountFen: 3000, signature: "张三" }, RESIDENT), "bad_input", "amountFen");
    const p = f.do("confirm-completion", { amountFen: 3500, signature: "张三" }, RESIDENT);
    expect(p.effect.outcome).toBe("payable");
    expect(p.state).toBe("awaitingPayment");
    expect(p.starts).toEqual([]);
    expect(f.wo.acceptance).toMatchObject({ amountFen: 3500, signature: "张三", by: "resident" });
    expect(f.wo.completedAt).toBeUndefined();
  });

  it("payment: never by a technician; the amount must match", () => {
    const f = doneRepair();
    f.do("confirm-completion", { amountFen: 3500, signature: "张三" }, RESIDENT);
    expectCode(() => f.plan("record-payment", { amountFen: 3500, method: "cash", receiptNo: "R-1" }, tech), "forbidden");
    expectCode(() => f.plan("record-payment", { amountFen: 3400, method: "cash", receiptNo: "R-1" }, agent), "bad_input", "amountFen");
    expectCode(() => f.plan("record-payment", { amountFen: 3500, method: "bitcoin", receiptNo: "R-1" }, agent), "bad_input", "method");
    const p = f.do("record-payment", { amountFen: 3500, method: "wechat", receiptNo: "R-1" }, agent);
    expect(p.state).toBe("completed");
    expect(p.starts).toEqual([{ trigger: "completed" }]);
    expect(p.closes).toBe(false);
    expect(f.wo.payment).toMatchObject({ amountFen: 3500, method: "wechat", receiptNo: "R-1", by: "staff-agent" });
    expect(f.wo.completedAt).toBe(f.now - MIN);
  });

  it("a free (warranty) repair is completed on acceptance", () => {
    const f = new Flow("repair");
    f.warranty = { requestId: "req-original", trackingCode: "TRK-0", completedAt: T0 - DAY };
    doneRepair(quotedRepairIn(f));
    expectCode(() => f.plan("confirm-completion", { amountFen: 3500, signature: "张三" }, RESIDENT), "bad_input", "amountFen");
    const p = f.do("confirm-completion", { amountFen: 0, signature: "张三" }, RESIDENT);
    expect(p.effect.outcome).toBe("free");
    expect(p.state).toBe("completed");
    expect(p.starts).toEqual([{ trigger: "completed" }]);
    expect(f.wo.completedAt).toBe(f.now - MIN);
  });

  it("a deferred acceptance (next rain) is confirmed later, or the work is returned", () => {
    const f = doneRepair();
    const d = f.do("defer-acceptance", { condition: "next-rain" }, RESIDENT);
    expect(d.state).toBe("acceptanceDeferred");
    expectCode(() => f.plan("defer-acceptance", { condition: "tomorrow" }, RESIDENT, "awaitingAcceptance"), "bad_input", "condition");
    const back = f.plan("return-work", { reason: "下雨仍漏" }, RESIDENT);
    expect(back.state).toBe("inProgress");
    expect(back.effect.record.returns).toEqual([{ reason: "下雨仍漏", by: "resident", at: f.now }]);
    expect(back.effect.notices?.[0]?.recipients).toEqual(["staff:t-plumb-c1"]);
    const c = f.do("confirm-completion", { amountFen: 3500, signature: "张三" }, RESIDENT);
    expect(c.state).toBe("awaitingPayment");
    expect(c.effect.data).toEqual({ amountFen: 3500, deferred: "next-rain" });
  });

  it("withdraw cancels and closes", () => {
    const f = new Flow("repair");
    const p = f.plan("withdraw", { reason: "自己修好了" }, RESIDENT);
    expect(p).toMatchObject({ state: "cancelled", closes: true });
    expect(p.effect.assigneeId).toBeNull();
  });
});

function quotedRepairIn(f: Flow<"repair">) {
  f.do("dispatch", { itemCode: "tap-washer" }, agent);
  f.do("arrive", { confirmed: true }, tech);
  f.do("quote", { lines: [{ code: "tap-washer", qty: 1 }] }, tech);
  return f;
}

describe("repair: follow-up visit", () => {
  function completed(reopenOnUnsatisfied = true) {
    const f = doneRepair();
    f.settings = { ...f.settings, workflow: { ...f.settings.workflow, reopenOnUnsatisfied } };
    f.do("confirm-completion", { amountFen: 3500, signature: "张三" }, RESIDENT);
    f.do("record-payment", { amountFen: 3500, method: "cash", receiptNo: "R-1" }, agent);
    return f;
  }

  it("satisfied: closed, no case", () => {
    const f = completed();
    const p = f.do("follow-up", { channel: "phone", satisfied: true, score: 5 }, agent);
    expect(p).toMatchObject({ state: "closed", closes: true, meets: ["followUp"] });
    expect(p.effect.outcome).toBe("closed");
    expect(p.effect.reopened).toBe(false);
    expect(p.effect.caseEntry).toBeUndefined();
    expect(f.wo.followUps).toEqual([{ channel: "phone", satisfied: true, score: 5, by: "staff-agent", at: f.now - MIN }]);
  });

  it("unsatisfied: reopened back to the service center, with a case for the library", () => {
    const f = completed();
    const p = f.do(
      "follow-up",
      { channel: "visit", satisfied: false, comment: "又漏水了", lesson: "阀芯质量差", department: "工程部" },
      agent,
    );
    expect(p.effect.outcome).toBe("reopened");
    expect(p.effect.reopened).toBe(true);
    expect(p.state).toBe("returned");
    expect(p.closes).toBe(false);
    expect(p.effect.caseEntry).toEqual({
      source: "follow-up",
      problem: "又漏水了",
      lesson: "阀芯质量差",
      department: "工程部",
      photos: [],
    });
    expect(p.effect.notices).toEqual([
      { type: "request.reopened", recipients: ["owner", "serviceSupervisor"], params: { trackingCode: "TRK-1" } },
    ]);
    expect(f.do("dispatch", {}, agent).state).toBe("dispatched");
  });

  it("unsatisfied when the branch does not reopen: closed, still a case", () => {
    const f = completed(false);
    const p = f.do("follow-up", { channel: "online", satisfied: false, comment: "态度一般" }, agent);
    expect(p).toMatchObject({ state: "closed", closes: true });
    expect(p.effect.reopened).toBe(false);
    expect(p.effect.caseEntry).toMatchObject({ source: "follow-up", problem: "态度一般" });
  });

  it("unsatisfied needs a comment; the technician does not follow up", () => {
    const f = completed();
    expectCode(() => f.plan("follow-up", { channel: "phone", satisfied: false }, agent), "bad_input", "comment");
    expectCode(() => f.plan("follow-up", { channel: "phone", satisfied: true }, tech), "forbidden");
  });

  it("the resident rates in the portal: online, the score becomes the request's satisfaction, the milestone is met", () => {
    const f = completed();
    expect(allowedActions("repair", f.state, RESIDENT, f.record)).toContain("follow-up");
    const p = f.do("follow-up", { satisfied: true, score: 4, comment: "师傅很专业" }, RESIDENT);
    expect(p).toMatchObject({ state: "closed", meets: ["followUp"] });
    expect(p.effect.rating).toEqual({ score: 4, comment: "师傅很专业" });
    expect(f.wo.followUps).toEqual([
      { channel: "online", satisfied: true, score: 4, comment: "师傅很专业", by: "resident", at: f.now - MIN },
    ]);
  });

  it("a resident's unsatisfied rating reopens like a visit; the case library and the channel stay with staff", () => {
    const f = completed();
    expectCode(() => f.plan("follow-up", { satisfied: false, comment: "又漏了", lesson: "x" }, RESIDENT), "bad_input", "lesson");
    expectCode(() => f.plan("follow-up", { channel: "phone", satisfied: true }, RESIDENT), "bad_input", "channel");
    expect(f.plan("follow-up", { channel: "online", satisfied: true }, RESIDENT).state).toBe("closed");
    const p = f.do("follow-up", { satisfied: false, score: 1, comment: "又漏了" }, RESIDENT);
    expect(p).toMatchObject({
      state: "returned",
      effect: { reopened: true, caseEntry: { problem: "又漏了", lesson: "", department: "" } },
    });
  });

  it("staff say how they reached the resident; a visit without a score leaves the satisfaction alone", () => {
    const f = completed();
    expectCode(() => f.plan("follow-up", { satisfied: true }, agent), "bad_input", "channel");
    expect(f.plan("follow-up", { channel: "phone", satisfied: true }, agent).effect.rating).toBeUndefined();
  });
});

describe("repair: only the assigned technician acts on the order", () => {
  it("another technician is refused (403) and sees no steps; the assigned one proceeds", () => {
    const f = new Flow("repair");
    f.do("dispatch", { itemCode: "tap-washer" }, agent);
    f.assigneeId = "t-plumb-c1";
    expectCode(() => f.plan("arrive", { confirmed: true }, tech), "forbidden");
    expect(allowedActions("repair", f.state, tech, f.record, { staffId: "staff-technician", assigneeId: "t-plumb-c1" })).toEqual([]);
    f.assigneeId = "staff-technician";
    expect(allowedActions("repair", f.state, tech, f.record, { staffId: "staff-technician", assigneeId: "staff-technician" })).toContain(
      "arrive",
    );
    expect(f.do("arrive", { confirmed: true }, tech).state).toBe("onSite");
  });

  it("supervisors and agents are not bound to the assignee", () => {
    const f = new Flow("repair");
    f.do("dispatch", { itemCode: "tap-washer" }, agent);
    f.assigneeId = "t-plumb-c1";
    expect(f.plan("arrive", { confirmed: true }, staff("engineeringSupervisor")).state).toBe("onSite");
  });
});

describe("complaint", () => {
  const classifyValid = { nature: "valid", content: "attitude", reasonable: true, demand: "要求道歉" };
  const investigated = (f: Flow<"complaint">) => {
    f.do("classify", classifyValid, agent);
    f.do("investigate", { findings: "值班员语气生硬", rootCause: "培训不足" }, agent);
    f.do("assign-responsibility", { department: "客服中心", plan: "当面致歉并培训" }, agent);
    return f;
  };

  it("a phone complaint is not written; a letter is", () => {
    expect(new Flow("complaint").record).toEqual({
      written: false,
      replies: [],
      returnedDrafts: [],
      escalations: [],
      followUps: [],
      steps: {},
    });
    expect(new Flow("complaint", "letter").record.written).toBe(true);
    // Classifying may mark a phone complaint as written, never switch a letter's approval off.
    const letter = new Flow("complaint", "letter");
    letter.do("classify", { ...classifyValid, written: false }, agent);
    expect(letter.record.written).toBe(true);
    const phone = new Flow("complaint");
    phone.do("classify", { ...classifyValid, written: true }, agent);
    expect(phone.record.written).toBe(true);
  });

  it("classify: a communicative complaint says which kind", () => {
    const f = new Flow("complaint");
    expectCode(
      () => f.plan("classify", { nature: "communicative", content: "equipment", reasonable: true, demand: "路灯不亮" }, agent),
      "bad_input",
      "communicativeType",
    );
    const p = f.do("classify", classifyValid, agent);
    expect(p.state).toBe("classified");
    expect(p.starts).toEqual([{ trigger: "progress" }]);
    expect(f.record).toMatchObject({
      nature: "valid",
      content: "attitude",
      reasonable: true,
      demand: "要求道歉",
      written: false,
      steps: { classify: { by: "staff-agent", at: T0 } },
    });
  });

  it("a communicative complaint may go from classification to handling; a valid one may not", () => {
    const c = new Flow("complaint");
    c.do(
      "classify",
      { nature: "communicative", communicativeType: "inquiry", content: "equipment", reasonable: true, demand: "问停水时间" },
      agent,
    );
    const h = c.do("handle", { actions: "告知停水安排", residentOpinion: "满意", residentSigned: true }, agent);
    expect(h.state).toBe("handled");
    expect(h.starts).toEqual([{ trigger: "completed" }]);

    const v = new Flow("complaint");
    v.do("classify", classifyValid, agent);
    expectCode(() => v.plan("handle", { actions: "x", residentOpinion: "x", residentSigned: true }, agent), "invalid_transition");
    expect(allowedActions("complaint", v.state, agent, v.record)).not.toContain("handle");
  });

  it("a written complaint is handled only after a supervisor approved the written reply", () => {
    const f = investigated(new Flow("complaint", "letter"));
    expect(f.state).toBe("assigned");
    const handling = { actions: "当面致歉", residentOpinion: "接受", residentSigned: true };
    expectCode(() => f.plan("handle", handling, agent), "invalid_transition");
    expectCode(() => f.plan("progress", { text: "正在处理,请您放心" }, agent), "invalid_transition");
    expectCode(() => f.plan("approve-reply", {}, sup), "invalid_transition"); // nothing drafted yet

    const d = f.do("draft-reply", { text: "您好,我们已核实情况,将当面向您致歉" }, agent);
    expect(d.state).toBe("assigned");
    expect(d.effect.notices).toEqual([
      { type: "complaint.replyForApproval", recipients: ["serviceSupervisor"], params: { trackingCode: "TRK-1" } },
    ]);
    expectCode(() => f.plan("handle", handling, agent), "invalid_transition");
    expectCode(() => f.plan("approve-reply", {}, agent), "forbidden");

    const a = f.do("approve-reply", {}, sup);
    expect(a.state).toBe("assigned");
    expect(a.meets).toEqual(["response"]);
    expect(a.effect.publicNote).toBe("reply");
    expect(a.effect.notices).toEqual([
      { type: "request.reply", recipients: ["resident"], params: { trackingCode: "TRK-1", text: "您好,我们已核实情况,将当面向您致歉" } },
    ]);
    expect(f.record.replyDraft).toBeUndefined();
    expect(f.record.replies).toEqual([
      { text: "您好,我们已核实情况,将当面向您致歉", draftedBy: "staff-agent", approvedBy: "staff-serviceSupervisor", at: f.now - MIN },
    ]);
    expect(f.record.replySentAt).toBe(f.now - MIN);

    expect(f.do("handle", handling, agent).state).toBe("handled");
    expectCode(() => f.plan("progress", { text: "感谢您的耐心" }, agent), "invalid_transition");
  });

  it("a returned draft goes back to its author", () => {
    const f = new Flow("complaint", "letter");
    f.do("draft-reply", { text: "您好,我们正在核实" }, agent);
    expectCode(() => f.plan("return-reply", { comment: "请写明处理时间" }, agent), "forbidden");
    const r = f.do("return-reply", { comment: "请写明处理时间" }, sup);
    expect(r.effect.notices).toEqual([
      { type: "complaint.replyReturned", recipients: ["staff:staff-agent"], params: { trackingCode: "TRK-1", comment: "请写明处理时间" } },
    ]);
    expect(f.record.replyDraft).toBeUndefined();
    expect(f.record.returnedDrafts).toEqual([
      { text: "您好,我们正在核实", comment: "请写明处理时间", by: "staff-serviceSupervisor", at: f.now - MIN },
    ]);
    expectCode(() => f.plan("approve-reply", {}, sup), "invalid_transition");
  });

  it("the language guard blocks a draft; only a supervisor may override it, with the reason on record", () => {
    const f = new Flow("complaint");
    expectCode(() => f.plan("draft-reply", { text: "这个我不知道" }, agent), "reply_blocked");
    expectCode(() => f.plan("draft-reply", { text: "这个我不知道", override: { reason: "引用住户原话" } }, agent), "forbidden");
    const p = f.plan("draft-reply", { text: "这个我不知道", override: { reason: "引用住户原话" } }, sup);
    expect(p.effect.data.override).toMatchObject({ reason: "引用住户原话", by: "staff-serviceSupervisor", hits: ["不知道"] });
    expect((p.effect.record.replyDraft as { guard?: unknown }).guard).toEqual(p.effect.data);
    expectCode(
      () => f.plan("draft-reply", { text: "对不起,请您留下联系方式,我会给您回复", override: { reason: "没有必要" } }, sup),
      "bad_input",
      "override",
    );
    expect(f.plan("draft-reply", { text: "对不起,请您留下联系方式,我会给您回复" }, agent).effect.data).toEqual({});
  });

  it("progress news on a spoken complaint meets the response and starts the next progress milestone", () => {
    const f = new Flow("complaint");
    f.do("classify", classifyValid, agent);
    const p = f.plan("progress", { text: "正在处理,预计完成", expectedBy: "2026-03-05T10:00:00+08:00" }, agent);
    expect(p.state).toBe("classified");
    expect(p.meets).toEqual(["response", "progress"]);
    expect(p.starts).toEqual([{ trigger: "progress" }]);
    expect(p.effect.data.text).toBe("正在处理,预计完成(2026-03-05)");
    expectCode(() => f.plan("progress", { text: "我不知道" }, agent), "reply_blocked");
  });

  it("escalation notifies the branch manager", () => {
    const f = new Flow("complaint");
    const p = f.do("escalate", { severity: "serious", incidentReport: "住户受伤" }, agent);
    expect(p.state).toBe("received");
    expect(p.effect.notices?.[0]).toMatchObject({ type: "complaint.escalated", params: { severity: "serious" } });
    expect(p.effect.notices?.[0]?.recipients).toContain("branchManager");
    expect(f.record.escalations).toEqual([{ severity: "serious", incidentReport: "住户受伤", by: "staff-agent", at: T0 }]);
    expectCode(() => f.plan("escalate", { severity: "minor", incidentReport: "x" }, agent), "bad_input", "severity");
    expectCode(() => f.plan("escalate", { severity: "serious", incidentReport: "x" }, eng), "forbidden");
  });

  it("visit, summarize, archive: an unsatisfied visit goes back to the responsible department", () => {
    const f = investigated(new Flow("complaint"));
    f.do("handle", { actions: "当面致歉", residentOpinion: "接受", residentSigned: true }, agent);
    expectCode(() => f.plan("visit", { channel: "phone", satisfied: true }, agent), "bad_input", "apologised");
    const back = f.plan("visit", { channel: "phone", satisfied: false, comment: "仍不满意", apologised: true }, agent);
    expect(back).toMatchObject({ state: "assigned", meets: ["followUp"] });
    expect(back.effect.caseEntry).toMatchObject({ source: "follow-up", problem: "仍不满意" });

    const v = f.do("visit", { channel: "phone", satisfied: true, apologised: true }, agent);
    expect(v.state).toBe("visited");
    const s = f.do(
      "summarize",
      {
        cause: "服务态度",
        process: "致歉并培训",
        correctiveAction: "当面致歉",
        preventiveAction: "每月培训",
        lesson: "语气要温和",
        department: "客服中心",
      },
      agent,
    );
    expect(s.state).toBe("summarized");
    expect(s.effect.caseEntry).toEqual({
      source: "complaint",
      problem: "要求道歉 — 服务态度",
      lesson: "语气要温和\n每月培训",
      department: "客服中心",
      photos: [],
    });
    expectCode(() => f.plan("archive", {}, agent), "forbidden");
    const a = f.do("archive", {}, sup);
    expect(a).toMatchObject({ state: "archived", closes: true });
    expect(Object.keys(f.record.steps as object).sort()).toEqual([
      "archive",
      "assign-responsibility",
      "classify",
      "handle",
      "investigate",
      "summarize",
      "visit",
    ]);
  });
});

describe("answer (inquiries and everyday help)", () => {
  it("promise-callback: the promised time is the call-back's due time", () => {
    const f = new Flow("inquiry");
    const at = T0 + 2 * 3_600_000;
    const p = f.do("promise-callback", { at: new Date(at).toISOString(), text: "请您留下联系方式,我会给您回复" }, agent);
    expect(p.state).toBe("promised");
    expect(p.meets).toEqual(["reply"]);
    expect(p.starts).toEqual([{ trigger: "promised", dueAt: at }]);
    expect(p.effect.dueAt).toBe(at);
    expect(f.record.promisedAt).toBe(at);
  });

  it("promise-callback: not less than a minute ahead, not more than 7 days", () => {
    const f = new Flow("inquiry");
    const promise = (ms: number) => f.plan("promise-callback", { at: new Date(T0 + ms).toISOString(), text: "稍后给您回复" }, agent);
    expectCode(() => promise(-MIN), "bad_input", "at");
    expectCode(() => promise(0), "bad_input", "at");
    expectCode(() => promise(59_000), "bad_input", "at");
    expect(promise(61_000).state).toBe("promised");
    expect(promise(7 * DAY).state).toBe("promised");
    expectCode(() => promise(7 * DAY + 1), "bad_input", "at");
    expectCode(() => promise(8 * DAY), "bad_input", "at");
    expectCode(() => f.plan("promise-callback", { at: "tomorrow", text: "稍后给您回复" }, agent), "bad_input", "at");
  });

  it("answer meets the reply and the call-back, and closes", () => {
    const f = new Flow("inquiry");
    f.do("promise-callback", { at: new Date(T0 + 3_600_000).toISOString(), text: "稍后给您回复" }, agent);
    const p = f.do("answer", { text: "停水将于下午三点恢复" }, agent);
    expect(p).toMatchObject({ state: "closed", closes: true, meets: ["reply", "callback"], starts: [] });
    expect(p.effect.notices).toEqual([
      { type: "request.reply", recipients: ["resident"], params: { trackingCode: "TRK-1", text: "停水将于下午三点恢复" } },
    ]);
    expect(f.record.answeredAt).toBe(T0 + MIN);
  });

  it("answer: the language guard applies; the resident may withdraw", () => {
    const f = new Flow("help");
    expectCode(() => f.plan("answer", { text: "这不是我管的" }, agent), "reply_blocked");
    expectCode(() => f.plan("answer", { text: "<script>x</script>" }, agent), "bad_input", "text");
    expect(f.plan("answer", { text: "好的,马上为您处理" }, agent).state).toBe("closed");
    expect(f.plan("withdraw", { reason: "已解决" }, RESIDENT)).toMatchObject({ state: "cancelled", closes: true });
    expectCode(() => f.plan("answer", { text: "好的" }, RESIDENT), "forbidden");
  });
});

describe("warranty", () => {
  const at = (s: string) => Date.parse(s);
  const SH = "Asia/Shanghai"; // no daylight saving

  it("ends on the same calendar day three months later in the branch's zone", () => {
    expect(warrantyEnds(at("2026-01-15T10:00:00+08:00"), 3, SH)).toBe(at("2026-04-15T10:00:00+08:00"));
    // 23:30 in Shanghai is still the 15th there, though the 15th UTC is over: the local day counts.
    expect(warrantyEnds(at("2026-01-15T23:30:00+08:00"), 3, SH)).toBe(at("2026-04-15T23:30:00+08:00"));
    expect(warrantyEnds(at("2026-01-15T00:30:00+08:00"), 3, SH)).toBe(at("2026-04-15T00:30:00+08:00"));
    expect(warrantyEnds(at("2025-11-10T09:00:00+08:00"), 3, SH)).toBe(at("2026-02-10T09:00:00+08:00"));
    expect(warrantyEnds(at("2026-01-15T10:00:00+08:00"), 0, SH)).toBe(at("2026-01-15T10:00:00+08:00"));
  });

  it("counts calendar months across month ends, the day capped at the shorter month's last (not 31-day months)", () => {
    expect(warrantyEnds(at("2025-11-30T10:00:00+08:00"), 3, SH)).toBe(at("2026-02-28T10:00:00+08:00"));
    expect(warrantyEnds(at("2027-11-30T10:00:00+08:00"), 3, SH)).toBe(at("2028-02-29T10:00:00+08:00")); // leap year
    expect(warrantyEnds(at("2026-01-31T23:59:30+08:00"), 1, SH)).toBe(at("2026-02-28T23:59:30+08:00"));
    expect(warrantyEnds(at("2026-03-31T08:00:00+08:00"), 1, SH)).toBe(at("2026-04-30T08:00:00+08:00"));
    expect(warrantyEnds(at("2026-12-31T00:10:00+08:00"), 2, SH)).toBe(at("2027-02-28T00:10:00+08:00"));
    // Six months of 31 days would reach 2026-07-19; the calendar says 2026-07-15.
    expect(warrantyEnds(at("2026-01-15T10:00:00+08:00"), 6, SH)).toBe(at("2026-07-15T10:00:00+08:00"));
    // In a zone with daylight saving the wall-clock time is kept across the change.
    expect(warrantyEnds(at("2026-03-01T10:00:00+01:00"), 1, "Europe/Berlin")).toBe(at("2026-04-01T10:00:00+02:00"));
  });

  it("looks back calendar months for the original repair, and that start is covered", () => {
    const now = at("2026-05-31T10:00:00+08:00");
    expect(warrantyLookback(now, 3, SH)).toBe(at("2026-02-28T10:00:00+08:00"));
    expect(warrantyLookback(at("2026-04-15T10:00:00+08:00"), 3, SH)).toBe(at("2026-01-15T10:00:00+08:00"));
    const since = warrantyLookback(at("2026-04-15T10:00:00+08:00"), 3, SH);
    expect(withinWarranty(since, at("2026-04-15T10:00:00+08:00"), 3, SH)).toBe(true);
    expect(withinWarranty(since - 1, at("2026-04-15T10:00:00+08:00"), 3, SH)).toBe(false);
  });

  it("withinWarranty: from completion to the end, both included", () => {
    const done = at("2026-01-15T10:00:00+08:00");
    const end = at("2026-04-15T10:00:00+08:00");
    expect(withinWarranty(done, done, 3, SH)).toBe(true);
    expect(withinWarranty(done, done - 1, 3, SH)).toBe(false);
    expect(withinWarranty(done, end - 1, 3, SH)).toBe(true);
    expect(withinWarranty(done, end, 3, SH)).toBe(true);
    expect(withinWarranty(done, end + 1, 3, SH)).toBe(false);
    expect(withinWarranty(done, done + 1, 0, SH)).toBe(false);
    expect(withinWarranty(done, done, 0, SH)).toBe(false);
  });
});
