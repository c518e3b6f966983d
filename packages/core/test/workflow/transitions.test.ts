import { describe, expect, it } from "vitest";
import { ANSWER_MACHINE, COMPLAINT_MACHINE, type Machine, nextState, REPAIR_MACHINE } from "../../src/workflow/index.ts";
import { can, ROLES } from "../../src/auth/index.ts";

// Every allowed transition, written out so that a change to a machine is a visible diff here.
// "a --step--> b"; outcomes as "a --step[outcome]--> b"; a condition on the record as "(if cond)".
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
returned --withdraw--> cancelled`;

const OPEN = ["received", "classified", "investigated", "assigned", "handled", "visited", "summarized"];
const loops = (step: string, cond = "") => OPEN.map((s) => `${s} --${step}--> ${s}${cond}`).join("\n");
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
${loops("draft-reply")}
${loops("approve-reply", " (if hasDraft)")}
${loops("return-reply", " (if hasDraft)")}
${loops("escalate")}
${loops("progress", " (if notWritten)")}`;

const ANSWER = `
received --answer--> closed
promised --answer--> closed
received --promise-callback--> promised
received --withdraw--> cancelled
promised --withdraw--> cancelled`;

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
const lines = (s: string) => s.trim().split("\n").map((l) => l.trim()).sort();
const everything = { written: false, nature: "communicative", replyDraft: { text: "x" }, replySentAt: 1 };

describe.each([
  ["repair", REPAIR_MACHINE as unknown as Machine, REPAIR],
  ["complaint", COMPLAINT_MACHINE as unknown as Machine, COMPLAINT],
  ["answer", ANSWER_MACHINE as unknown as Machine, ANSWER],
])("%s machine", (_name, machine, table) => {
  it("allows exactly the written-out transitions", () => {
    expect(describeMachine(machine)).toEqual(lines(table));
  });

  const allowed = new Set(lines(table).map((l) => l.split(" --")[0] + "|" + l.split("--")[1]!.split("[")[0]));
  const pairs = machine.states.flatMap((s) => Object.keys(machine.steps).map((a) => [s, a] as const));
  it.each(pairs.filter(([s, a]) => !allowed.has(`${s}|${a}`)))("refuses %s --%s--> (409)", (state, step) => {
    const def = machine.steps[step]!;
    const who = "resident" in def.by ? ("resident" as const) : { role: ROLES.find((r) => can(r, (def.by as { staff: never }).staff))! };
    expect(() => nextState(machine, state, step, who, everything, "closed")).toThrow(expect.objectContaining({ code: "invalid_transition" }));
  });

  it("refuses an allowed step to every role without its permission (403), and supervision roles always", () => {
    for (const [step, def] of Object.entries(machine.steps)) {
      const from = def.from[0]!;
      const action = "staff" in def.by ? def.by.staff : def.by.recordedBy;
      for (const role of ROLES) {
        const outcome = typeof def.to === "object" ? Object.keys(def.to)[0] : undefined;
        const run = () => nextState(machine, from, step, { role }, everything, outcome);
        if (can(role, action)) expect(run, `${step} by ${role}`).not.toThrow();
        else expect(run, `${step} by ${role}`).toThrow(expect.objectContaining({ code: "forbidden" }));
      }
      const asResident = () => nextState(machine, from, step, "resident", everything, typeof def.to === "object" ? Object.keys(def.to)[0] : undefined);
      if ("resident" in def.by) expect(asResident).not.toThrow();
      else expect(asResident).toThrow(expect.objectContaining({ code: "forbidden" }));
    }
  });
});

describe("conditions", () => {
  it("a valid complaint cannot skip from classification to handling; a written one waits for its approved reply", () => {
    const m = COMPLAINT_MACHINE as unknown as Machine;
    const agent = { role: "agent" as const };
    expect(() => nextState(m, "classified", "handle", agent, { nature: "valid" })).toThrow(expect.objectContaining({ code: "invalid_transition" }));
    expect(nextState(m, "classified", "handle", agent, { nature: "communicative" })).toBe("handled");
    expect(() => nextState(m, "assigned", "handle", agent, { written: true })).toThrow(expect.objectContaining({ code: "invalid_transition" }));
    expect(nextState(m, "assigned", "handle", agent, { written: true, replySentAt: 1 })).toBe("handled");
    expect(() => nextState(m, "assigned", "progress", agent, { written: true })).toThrow(expect.objectContaining({ code: "invalid_transition" }));
  });

  it("a technician can never record payment; the desk can", () => {
    const m = REPAIR_MACHINE as unknown as Machine;
    expect(() => nextState(m, "awaitingPayment", "record-payment", { role: "technician" })).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(nextState(m, "awaitingPayment", "record-payment", { role: "agent" })).toBe("completed");
  });
});
