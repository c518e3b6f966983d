import { describe, expect, it } from "vitest";
import { ACTIONS, can, isBranchRole, mayReadRequest, mayReadResidentPhone, PERMISSIONS, ROLES } from "../src/auth/index.ts";

describe("permission matrix", () => {
  // The expected answer for every role × action, written out so that a change to the table is a visible diff.
  const Y = true;
  const _ = false;
  const cols = [
    "agent",
    "serviceSupervisor",
    "engineeringSupervisor",
    "technician",
    "branchManager",
    "nightManager",
    "regionSupervisor",
    "hqSupervisor",
    "orgAdmin",
  ] as const;
  const expected: Record<(typeof ACTIONS)[number], boolean[]> = {
    "request.create": [Y, Y, Y, Y, Y, Y, _, _, _],
    "request.read": [Y, Y, Y, Y, Y, Y, _, _, _],
    "request.readAll": [Y, Y, Y, _, Y, Y, _, _, _],
    "request.readResident": [Y, Y, Y, Y, Y, Y, _, _, _],
    "request.overrideUrgency": [Y, Y, Y, _, Y, Y, _, _, _],
    "request.handOver": [Y, Y, Y, Y, Y, Y, _, _, _],
    "request.reply": [Y, Y, Y, Y, Y, Y, _, _, _],
    "reply.overrideGuard": [_, Y, _, _, Y, _, _, _, _],
    "milestone.manage": [Y, Y, Y, Y, Y, Y, _, _, _],
    "milestone.recordBreachReason": [Y, Y, Y, Y, Y, Y, _, _, _],
    "workOrder.dispatch": [Y, Y, Y, _, Y, Y, _, _, _],
    "workOrder.review": [_, _, Y, _, Y, _, _, _, _],
    "workOrder.quote": [_, _, Y, Y, _, _, _, _, _],
    "workOrder.recordWork": [_, _, Y, Y, _, _, _, _, _],
    "workOrder.recordPayment": [Y, Y, _, _, Y, Y, _, _, _],
    "workOrder.recordResidentDecision": [Y, Y, Y, Y, Y, Y, _, _, _],
    "workOrder.financeSignOff": [_, Y, _, _, Y, _, _, _, _],
    "request.followUp": [Y, Y, _, _, Y, Y, _, _, _],
    "request.take": [Y, Y, Y, _, Y, Y, _, _, _],
    "case.manage": [_, Y, Y, _, Y, _, _, _, _],
    "complaint.step": [Y, Y, Y, _, Y, Y, _, _, _],
    "complaint.approveReply": [_, Y, _, _, Y, _, _, _, _],
    "complaint.escalate": [Y, Y, _, _, Y, Y, _, _, _],
    "notice.draft": [Y, Y, _, _, Y, Y, _, _, _],
    "notice.approve": [_, Y, _, _, Y, _, _, _, _],
    "notice.publishEmergency": [_, _, _, _, Y, _, _, _, _],
    "visitor.register": [Y, Y, _, _, Y, Y, _, _, _],
    "visitor.registerAtNight": [_, _, _, _, Y, Y, _, _, _],
    "handover.write": [Y, Y, _, _, Y, Y, _, _, _],
    "handover.sign": [Y, Y, _, _, Y, Y, _, _, _],
    "survey.manage": [_, Y, _, _, Y, _, _, _, _],
    "settings.read": [Y, Y, Y, Y, Y, Y, _, _, _],
    "settings.write": [_, Y, _, _, Y, _, _, _, _],
    "deliveries.retry": [_, Y, _, _, Y, _, _, _, _],
    "audit.read": [_, _, _, _, Y, _, _, _, _],
    "hq.read": [_, _, _, _, _, _, Y, Y, _],
    "staff.manage": [_, _, _, _, Y, _, _, _, _],
    "places.read": [Y, Y, Y, Y, Y, Y, _, _, _],
    "places.manage": [_, _, _, _, Y, _, _, _, _],
    "org.manageUsers": [_, _, _, _, _, _, _, _, Y],
    "org.regions.manage": [_, _, _, _, _, _, _, _, Y],
    "org.branches.manage": [_, _, _, _, _, _, _, _, Y],
    "org.branches.export": [_, _, _, _, _, _, _, _, Y],
  };

  it("covers every action and role", () => {
    expect(Object.keys(expected).sort()).toEqual([...ACTIONS].sort());
    expect([...cols].sort()).toEqual([...ROLES].sort());
  });

  for (const action of ACTIONS) {
    cols.forEach((role, i) => {
      it(`${role} ${expected[action][i] ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(expected[action][i]);
      });
    });
  }

  it("gives the organization administrator no branch work and no resident data", () => {
    for (const action of ACTIONS) if (!action.startsWith("org.")) expect(can("orgAdmin", action), action).toBe(false);
    expect(isBranchRole("orgAdmin")).toBe(false);
  });

  it("never lets a technician record payment", () => {
    expect(PERMISSIONS["workOrder.recordPayment"]).not.toContain("technician");
  });
});

describe("what a technician sees of a request", () => {
  const tech = { staffId: "stf_t1", role: "technician" as const };
  const agent = { staffId: "stf_a1", role: "agent" as const };
  const hq = { staffId: "stf_h1", role: "hqSupervisor" as const };
  const job = (over: Partial<{ kind: string; status: string; assigneeId: string | null }> = {}) => ({
    kind: "repair",
    status: "dispatched",
    assigneeId: "stf_t1",
    ...over,
  });
  // [case, request, technician reads, technician sees the phone]
  const cases: Array<[string, ReturnType<typeof job>, boolean, boolean]> = [
    ["their open job", job(), true, true],
    ["their job in progress", job({ status: "inProgress" }), true, true],
    ["their closed job", job({ status: "closed" }), true, false],
    ["their cancelled job", job({ status: "cancelled" }), true, false],
    ["a colleague's job", job({ assigneeId: "stf_t2" }), false, false],
    ["an undispatched repair", job({ status: "received", assigneeId: null }), false, false],
    ["a complaint", job({ kind: "complaint", status: "received", assigneeId: null }), false, false],
    ["a complaint somehow assigned to them", job({ kind: "complaint" }), false, false],
  ];
  for (const [name, r, reads, phone] of cases) {
    it(`${name}: ${reads ? "reads" : "does not read"} it, ${phone ? "sees" : "does not see"} the phone`, () => {
      expect(mayReadRequest(tech, r)).toBe(reads);
      expect(mayReadResidentPhone(tech, r)).toBe(phone);
      // The desk reads all of them, with the phone; head office reads none.
      expect(mayReadRequest(agent, r)).toBe(true);
      expect(mayReadResidentPhone(agent, r)).toBe(true);
      expect(mayReadRequest(hq, r)).toBe(false);
      expect(mayReadResidentPhone(hq, r)).toBe(false);
    });
  }
});
