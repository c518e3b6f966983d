import { describe, expect, it } from "vitest";
import { type Action, can, ROLES, SUPERVISION_ROLES, type Role } from "../../src/auth/index.ts";
import {
  allowedActions,
  allowedSteps,
  ANSWER_MACHINE,
  COMPLAINT_MACHINE,
  isClosedStatus,
  type Machine,
  nextState,
  REPAIR_MACHINE,
  type Who,
  type ComplaintRecord,
  newComplaintRecord,
  type WorkOrder,
} from "../../src/workflow/index.ts";

// Every allowed transition, written out so that a change to a machine is a visible diff here.
// "state --step--> next"; outcomes as "state --step[outcome]--> next"; a condition on the record as "(if cond)".
const REPAIR = `
received --refer-for-review--> review
review --review[feasible]--> awaitingPriceApproval
review --review[infeasible]--> closed
awaitingPriceApproval --approve-price--> approved
awaitingPriceApproval --decline-price--> closed
received --dispatch--> dispatched
approved --dispatch--> dispatched
returned --dispatch--> dispatched
dispatched --arrive--> onSite
onSite --quote--> quoted
quoted --accept-quote--> inProgress
quoted --refuse-quote--> refused
refused --sign-refusal--> refusalSigned
refusalSigned --approve-refusal--> returned
inProgress --check-materials--> inProgress
inProgress --complete-work--> awaitingAcceptance
awaitingAcceptance --defer-acceptance--> acceptanceDeferred
awaitingAcceptance --confirm-completion[payable]--> awaitingPayment
awaitingAcceptance --confirm-completion[free]--> completed
acceptanceDeferred --confirm-completion[payable]--> awaitingPayment
acceptanceDeferred --confirm-completion[free]--> completed
awaitingAcceptance --return-work--> inProgress
acceptanceDeferred --return-work--> inProgress
awaitingPayment --record-payment--> completed
completed --follow-up[closed]--> closed
completed --follow-up[reopened]--> returned
received --withdraw--> cancelled
review --withdraw--> cancelled
awaitingPriceApproval --withdraw--> cancelled
approved --withdraw--> cancelled
dispatched --withdraw--> cancelled
returned --withdraw--> cancelled
`;

const COMPLAINT = `
received --classify--> classified
classified --investigate--> investigated
investigated --assign-responsibility--> assigned
assigned --handle--> handled (if writtenReplySent)
classified --handle--> handled (if communicativeReplied)
handled --visit[closed]--> visited
handled --visit[reopened]--> assigned
visited --summarize--> summarized
summarized --archive--> archived
received --draft-reply--> received
classified --draft-reply--> classified
investigated --draft-reply--> investigated
assigned --draft-reply--> assigned
handled --draft-reply--> handled
visited --draft-reply--> visited
summarized --draft-reply--> summarized
received --approve-reply--> received (if hasDraft)
classified --approve-reply--> classified (if hasDraft)
investigated --approve-reply--> investigated (if hasDraft)
assigned --approve-reply--> assigned (if hasDraft)
handled --approve-reply--> handled (if hasDraft)
visited --approve-reply--> visited (if hasDraft)
summarized --approve-reply--> summarized (if hasDraft)
received --return-reply--> received (if hasDraft)
classified --return-reply--> classified (if hasDraft)
investigated --return-reply--> investigated (if hasDraft)
assigned --return-reply--> assigned (if hasDraft)
handled --return-reply--> handled (if hasDraft)
visited --return-reply--> visited (if hasDraft)
summarized --return-reply--> summarized (if hasDraft)
received --escalate--> received
classified --escalate--> classified
investigated --escalate--> investigated
assigned --escalate--> assigned
handled --escalate--> handled
visited --escalate--> visited
summarized --escalate--> summarized
received --progress--> received (if notWritten)
classified --progress--> classified (if notWritten)
investigated --progress--> investigated (if notWritten)
assigned --progress--> assigned (if notWritten)
handled --progress--> handled (if notWritten)
visited --progress--> visited (if notWritten)
summarized --progress--> summarized (if notWritten)
`;

const ANSWER = `
received --answer--> closed
promised --answer--> closed
received --promise-callback--> promised
received --withdraw--> cancelled
promised --withdraw--> cancelled
`;

// Who performs each step: "staff <permission>" or "resident (recorded by <permission>)".
const PERFORMERS = {
  repair: `
refer-for-review: staff workOrder.dispatch
review: staff workOrder.review
approve-price: resident (recorded by workOrder.recordResidentDecision)
decline-price: resident (recorded by workOrder.recordResidentDecision)
dispatch: staff workOrder.dispatch
arrive: staff workOrder.recordWork
quote: staff workOrder.quote
accept-quote: resident (recorded by workOrder.recordResidentDecision)
refuse-quote: resident (recorded by workOrder.recordResidentDecision)
sign-refusal: staff workOrder.quote
approve-refusal: staff workOrder.review
check-materials: staff workOrder.recordWork
complete-work: staff workOrder.recordWork
defer-acceptance: resident (recorded by workOrder.recordResidentDecision)
confirm-completion: resident (recorded by workOrder.recordResidentDecision)
return-work: resident (recorded by workOrder.recordResidentDecision)
record-payment: staff workOrder.recordPayment
follow-up: resident (recorded by request.followUp)
withdraw: resident (recorded by workOrder.recordResidentDecision)
`,
  complaint: `
classify: staff complaint.step
investigate: staff complaint.step
assign-responsibility: staff complaint.step
handle: staff complaint.step
visit: staff request.followUp
summarize: staff complaint.step
archive: staff complaint.approveReply
draft-reply: staff complaint.step
approve-reply: staff complaint.approveReply
return-reply: staff complaint.approveReply
escalate: staff complaint.escalate
progress: staff request.reply
`,
  answer: `
answer: staff request.reply
promise-callback: staff request.reply
withdraw: resident (recorded by request.reply)
`,
};

/** The steps a resident can take, per machine. */
const RESIDENT_STEPS = {
  repair: [
    "approve-price",
    "decline-price",
    "accept-quote",
    "refuse-quote",
    "defer-acceptance",
    "confirm-completion",
    "return-work",
    "follow-up",
    "withdraw",
  ],
  complaint: [],
  answer: ["withdraw"],
};

/** A record on which every condition of every machine holds. */
const EVERYTHING = {
  ...newComplaintRecord("phone"),
  nature: "communicative" as const,
  replyDraft: { text: "x", by: "s1", at: 1 },
  replySentAt: 1,
} as ComplaintRecord & WorkOrder;
/** For each condition, a record on which it fails. */
const FAILING: Record<string, Record<string, unknown>> = {
  hasDraft: { written: false, nature: "communicative", replySentAt: 1 },
  notWritten: { written: true, nature: "communicative", replyDraft: { text: "x" } },
  writtenReplySent: { written: true, nature: "communicative", replyDraft: { text: "x" } },
  communicativeReplied: { written: false, nature: "valid", replyDraft: { text: "x" }, replySentAt: 1 },
};

const MACHINES = [
  ["repair", REPAIR_MACHINE as unknown as Machine, REPAIR],
  ["complaint", COMPLAINT_MACHINE as unknown as Machine, COMPLAINT],
  ["answer", ANSWER_MACHINE as unknown as Machine, ANSWER],
] as const;

const KIND = { repair: "repair", complaint: "complaint", answer: "inquiry" } as const;

function describeMachine(m: Machine): string[] {
  const out: string[] = [];
  for (const [step, def] of Object.entries(m.steps)) {
    for (const from of def.from) {
      const cond = def.when?.[from] ? ` (if ${def.when[from]})` : "";
      if (def.to === "stay") out.push(`${from} --${step}--> ${from}${cond}`);
      else if (typeof def.to === "string") out.push(`${from} --${step}--> ${def.to}${cond}`);
      else for (const [outcome, to] of Object.entries(def.to)) out.push(`${from} --${step}[${outcome}]--> ${to}${cond}`);
    }
  }
  return out.sort();
}

function describePerformers(m: Machine): string[] {
  return Object.entries(m.steps)
    .map(([step, def]) => ("staff" in def.by ? `${step}: staff ${def.by.staff}` : `${step}: resident (recorded by ${def.by.recordedBy})`))
    .sort();
}

const lines = (s: string) =>
  s
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

interface Row {
  from: string;
  step: string;
  outcome?: string;
  to: string;
  cond?: string;
}
const ROW = /^(\w+) --([\w-]+)(?:\[(\w+)\])?--> (\w+)(?: \(if (\w+)\))?$/;
function parse(table: string): Row[] {
  return lines(table).map((l) => {
    const m = ROW.exec(l);
    if (!m) throw new Error(`bad table line: ${l}`);
    return { from: m[1]!, step: m[2]!, to: m[4]!, ...(m[3] ? { outcome: m[3] } : {}), ...(m[5] ? { cond: m[5] } : {}) };
  });
}

const permissionOf = (m: Machine, step: string): Action => {
  const by = m.steps[step]!.by;
  return "staff" in by ? by.staff : by.recordedBy;
};
/** A staff role holding the permission the step needs (staff steps) or records it (resident steps). */
const staffFor = (m: Machine, step: string): { role: Role } => {
  const role = ROLES.find((r) => can(r, permissionOf(m, step)));
  if (!role) throw new Error(`nobody may perform ${step}`);
  return { role };
};

const code = (code: string) => expect.objectContaining({ code });

describe.each(MACHINES)("%s machine", (name, machine, table) => {
  const rows = parse(table);

  it("allows exactly the written-out transitions", () => {
    expect(describeMachine(machine)).toEqual(lines(table));
  });

  it("has every state and step of the table, and the table covers every state", () => {
    for (const r of rows) {
      expect(machine.states).toContain(r.from);
      expect(machine.states).toContain(r.to);
    }
    // Every non-initial state can be entered, and every non-terminal state can be left.
    for (const s of machine.states) {
      if (s !== machine.initial)
        expect(
          rows.some((r) => r.to === s && r.from !== s),
          `enter ${s}`,
        ).toBe(true);
      if (!machine.terminal.includes(s))
        expect(
          rows.some((r) => r.from === s),
          `leave ${s}`,
        ).toBe(true);
      else
        expect(
          rows.some((r) => r.from === s),
          `terminal ${s} has no step`,
        ).toBe(false);
    }
  });

  it("states who performs each step", () => {
    expect(describePerformers(machine)).toEqual(lines(PERFORMERS[name]));
  });

  it.each(rows.map((r) => [`${r.from} --${r.step}${r.outcome ? `[${r.outcome}]` : ""}--> ${r.to}`, r] as const))("goes %s", (_l, r) => {
    expect(nextState(machine, r.from, r.step, staffFor(machine, r.step), EVERYTHING, r.outcome)).toBe(r.to);
  });

  const conditional = rows.filter((r) => r.cond);
  if (conditional.length) {
    it.each(conditional.map((r) => [`${r.from} --${r.step}--> unless ${r.cond}`, r] as const))("refuses %s (409)", (_l, r) => {
      expect(() => nextState(machine, r.from, r.step, staffFor(machine, r.step), FAILING[r.cond!]!, r.outcome)).toThrow(
        code("invalid_transition"),
      );
    });
  }

  const allowed = new Set(rows.map((r) => `${r.from}|${r.step}`));
  const pairs = machine.states
    .flatMap((s) => Object.keys(machine.steps).map((a) => [s, a] as const))
    .filter(([s, a]) => !allowed.has(`${s}|${a}`));
  it.each(pairs)("refuses %s --%s--> (invalid_transition)", (state, step) => {
    const outcome = typeof machine.steps[step]!.to === "object" ? Object.keys(machine.steps[step]!.to)[0] : undefined;
    expect(() => nextState(machine, state, step, staffFor(machine, step), EVERYTHING, outcome)).toThrow(code("invalid_transition"));
    // Whoever asks: the state is checked before the performer.
    expect(() => nextState(machine, state, step, "resident", EVERYTHING, outcome)).toThrow(code("invalid_transition"));
    expect(() => nextState(machine, state, step, { role: "hqSupervisor" }, EVERYTHING, outcome)).toThrow(code("invalid_transition"));
  });

  it("refuses an unknown step", () => {
    expect(() => nextState(machine, machine.initial, "teleport", staffFor(machine, Object.keys(machine.steps)[0]!), EVERYTHING)).toThrow(
      code("invalid_transition"),
    );
  });

  it("a step with outcomes needs a known outcome", () => {
    for (const r of rows.filter((x) => x.outcome)) {
      expect(() => nextState(machine, r.from, r.step, staffFor(machine, r.step), EVERYTHING)).toThrow(/has no outcome/);
      expect(() => nextState(machine, r.from, r.step, staffFor(machine, r.step), EVERYTHING, "sideways")).toThrow(/has no outcome/);
    }
  });

  it("every step from every valid state: each role and the resident either may, or get forbidden (403)", () => {
    let checked = 0;
    for (const r of rows) {
      const action = permissionOf(machine, r.step);
      const residentStep = "resident" in machine.steps[r.step]!.by;
      for (const role of ROLES) {
        const run = () => nextState(machine, r.from, r.step, { role }, EVERYTHING, r.outcome);
        if (can(role, action)) expect(run(), `${r.step} by ${role}`).toBe(r.to);
        else expect(run, `${r.step} by ${role}`).toThrow(code("forbidden"));
        checked++;
      }
      const asResident = () => nextState(machine, r.from, r.step, "resident", EVERYTHING, r.outcome);
      if (residentStep) expect(asResident(), `${r.step} by the resident`).toBe(r.to);
      else expect(asResident, `${r.step} by the resident`).toThrow(code("forbidden"));
    }
    expect(checked).toBe(rows.length * ROLES.length);
  });

  it("supervision roles can do nothing, in any state", () => {
    for (const role of SUPERVISION_ROLES) {
      for (const s of machine.states) {
        expect(allowedSteps(machine, s, { role }, EVERYTHING), `${role} in ${s}`).toEqual([]);
        expect(allowedActions(KIND[name], s, { role }, EVERYTHING)).toEqual([]);
      }
      for (const r of rows) expect(() => nextState(machine, r.from, r.step, { role }, EVERYTHING, r.outcome)).toThrow(code("forbidden"));
    }
  });

  it("the resident can take only the resident steps", () => {
    const taken = new Set(machine.states.flatMap((s) => allowedSteps(machine, s, "resident", EVERYTHING)));
    expect([...taken].sort()).toEqual([...RESIDENT_STEPS[name]].sort());
    const residentSteps = Object.entries(machine.steps)
      .filter(([, d]) => "resident" in d.by)
      .map(([s]) => s)
      .sort();
    expect(residentSteps).toEqual([...RESIDENT_STEPS[name]].sort());
  });

  it("allowedSteps lists exactly the table's steps from a state that the performer holds", () => {
    const who: Who[] = [...ROLES.map((role) => ({ role })), "resident"];
    for (const s of machine.states) {
      for (const w of who) {
        const expected = [...new Set(rows.filter((r) => r.from === s).map((r) => r.step))]
          .filter((step) => (w === "resident" ? "resident" in machine.steps[step]!.by : can(w.role, permissionOf(machine, step))))
          .sort();
        expect(allowedSteps(machine, s, w, EVERYTHING).sort(), `${s} for ${w === "resident" ? w : w.role}`).toEqual(expected);
      }
    }
  });
});

describe("permissions on particular steps", () => {
  const repair = REPAIR_MACHINE as unknown as Machine;
  const complaint = COMPLAINT_MACHINE as unknown as Machine;

  it("a technician can never record a payment; the desk can", () => {
    expect(() => nextState(repair, "awaitingPayment", "record-payment", { role: "technician" })).toThrow(code("forbidden"));
    expect(allowedSteps(repair, "awaitingPayment", { role: "technician" })).not.toContain("record-payment");
    for (const s of repair.states) expect(allowedSteps(repair, s, { role: "technician" }, EVERYTHING)).not.toContain("record-payment");
    for (const role of ["agent", "serviceSupervisor", "branchManager", "nightManager"] as const)
      expect(nextState(repair, "awaitingPayment", "record-payment", { role })).toBe("completed");
    expect(() => nextState(repair, "awaitingPayment", "record-payment", "resident")).toThrow(code("forbidden"));
  });

  it("only engineering reviews non-standard items and signs off a refusal", () => {
    for (const role of ROLES) {
      const ok = role === "engineeringSupervisor" || role === "branchManager";
      if (ok) expect(nextState(repair, "review", "review", { role }, {}, "feasible")).toBe("awaitingPriceApproval");
      else expect(() => nextState(repair, "review", "review", { role }, {}, "feasible")).toThrow(code("forbidden"));
      if (ok) expect(nextState(repair, "refusalSigned", "approve-refusal", { role })).toBe("returned");
      else expect(() => nextState(repair, "refusalSigned", "approve-refusal", { role })).toThrow(code("forbidden"));
    }
  });

  it("staff record the resident's decisions on their behalf", () => {
    expect(nextState(repair, "quoted", "accept-quote", { role: "technician" })).toBe("inProgress");
    expect(nextState(repair, "quoted", "accept-quote", "resident")).toBe("inProgress");
    expect(() => nextState(repair, "quoted", "accept-quote", { role: "regionSupervisor" })).toThrow(code("forbidden"));
  });

  it("only a supervisor approves a complaint reply or archives", () => {
    const rec = { replyDraft: { text: "x" } };
    expect(() => nextState(complaint, "assigned", "approve-reply", { role: "agent" }, rec)).toThrow(code("forbidden"));
    expect(nextState(complaint, "assigned", "approve-reply", { role: "serviceSupervisor" }, rec)).toBe("assigned");
    expect(() => nextState(complaint, "summarized", "archive", { role: "agent" })).toThrow(code("forbidden"));
    expect(nextState(complaint, "summarized", "archive", { role: "branchManager" })).toBe("archived");
  });

  it("the engineering supervisor cannot escalate a complaint; the desk can", () => {
    expect(() => nextState(complaint, "received", "escalate", { role: "engineeringSupervisor" })).toThrow(code("forbidden"));
    expect(nextState(complaint, "received", "escalate", { role: "nightManager" })).toBe("received");
  });

  it("the state is checked before the performer (409 before 403)", () => {
    expect(() => nextState(repair, "received", "record-payment", { role: "technician" })).toThrow(code("invalid_transition"));
    expect(() => nextState(complaint, "received", "approve-reply", { role: "agent" }, {})).toThrow(code("invalid_transition"));
  });
});

describe("conditions", () => {
  const m = COMPLAINT_MACHINE as unknown as Machine;
  const agent = { role: "agent" as const };

  it("a valid complaint cannot skip from classification to handling; a communicative one can", () => {
    expect(() => nextState(m, "classified", "handle", agent, { nature: "valid" })).toThrow(code("invalid_transition"));
    expect(() => nextState(m, "classified", "handle", agent, {})).toThrow(code("invalid_transition"));
    expect(nextState(m, "classified", "handle", agent, { nature: "communicative" })).toBe("handled");
    expect(allowedSteps(m, "classified", agent, { nature: "valid" })).not.toContain("handle");
    expect(allowedSteps(m, "classified", agent, { nature: "communicative" })).toContain("handle");
  });

  it("a written complaint is handled only after its approved reply was sent, and gets no progress news", () => {
    expect(() => nextState(m, "assigned", "handle", agent, { written: true })).toThrow(code("invalid_transition"));
    expect(nextState(m, "assigned", "handle", agent, { written: true, replySentAt: 1 })).toBe("handled");
    expect(nextState(m, "assigned", "handle", agent, { written: false })).toBe("handled");
    expect(() => nextState(m, "classified", "handle", agent, { written: true, nature: "communicative" })).toThrow(
      code("invalid_transition"),
    );
    expect(nextState(m, "classified", "handle", agent, { written: true, nature: "communicative", replySentAt: 1 })).toBe("handled");
    expect(() => nextState(m, "assigned", "progress", agent, { written: true })).toThrow(code("invalid_transition"));
    expect(nextState(m, "assigned", "progress", agent, { written: false })).toBe("assigned");
  });

  it("a reply can be approved or returned only when a draft exists", () => {
    const sup = { role: "serviceSupervisor" as const };
    expect(() => nextState(m, "received", "approve-reply", sup, {})).toThrow(code("invalid_transition"));
    expect(() => nextState(m, "received", "return-reply", sup, {})).toThrow(code("invalid_transition"));
    expect(allowedSteps(m, "received", sup, {})).not.toContain("approve-reply");
    expect(allowedSteps(m, "received", sup, { replyDraft: { text: "x" } })).toEqual(
      expect.arrayContaining(["approve-reply", "return-reply"]),
    );
  });
});

describe("isClosedStatus", () => {
  it("is true exactly for the terminal states of the workflows", () => {
    for (const s of ["closed", "cancelled", "archived"]) expect(isClosedStatus(s), s).toBe(true);
    for (const s of ["received", "completed", "awaitingPayment", "handled", "summarized", "visited", "answered", ""])
      expect(isClosedStatus(s), s).toBe(false);
  });
});

describe("nextStepOf: what my requests says comes next", () => {
  it.each([
    ["repair", "received", { waiting: "dispatch" }],
    ["repair", "review", { waiting: "review" }],
    ["repair", "awaitingPriceApproval", { yours: "approve-price" }],
    ["repair", "dispatched", { waiting: "visit" }],
    ["repair", "quoted", { yours: "accept-quote" }],
    ["repair", "inProgress", { waiting: "repair" }],
    ["repair", "awaitingAcceptance", { yours: "confirm-completion" }],
    ["repair", "completed", { yours: "follow-up" }],
    ["repair", "closed", { waiting: "done" }],
    ["complaint", "received", { waiting: "handling" }],
    ["inquiry", "cancelled", { waiting: "done" }],
  ] as const)("%s in %s", async (kind, status, next) => {
    const { nextStepOf } = await import("../../src/workflow/plan.ts");
    expect(nextStepOf(kind, status)).toEqual(next);
  });
});
