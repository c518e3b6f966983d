import type { Role } from "./role.ts";

/**
 * Role × action, one table. A branch role acts in its own branch only (tenancy is checked before this);
 * supervision roles never touch a branch database and see no resident data.
 */
export const ACTIONS = [
  "request.create",
  "request.read",
  "request.readAll", // the register and every request of the branch, complaints included
  "request.readResident", // full contact details: audited
  "request.overrideUrgency",
  "request.handOver",
  "request.reply",
  "reply.overrideGuard",
  "milestone.manage", // pause, resume, mark met
  "milestone.recordBreachReason",
  "workOrder.dispatch",
  "workOrder.review",
  "workOrder.quote",
  "workOrder.recordWork",
  "workOrder.recordPayment",
  "workOrder.recordResidentDecision", // the resident's answer given on site or by phone, recorded by staff
  "workOrder.financeSignOff",
  "request.followUp",
  "request.take",
  "case.manage",
  "complaint.step",
  "complaint.approveReply",
  "complaint.escalate",
  "notice.draft",
  "notice.approve",
  "notice.publishEmergency",
  "visitor.register",
  "visitor.registerAtNight",
  "handover.write",
  "handover.sign",
  "survey.manage",
  "settings.read",
  "settings.write",
  "deliveries.retry",
  "audit.read",
  "hq.read",
  "staff.manage", // add, change, invite, deactivate, reset passwords of the branch's staff
  "places.read",
  "places.manage", // communities, buildings, units, public areas, import, posters
  "org.manageUsers", // head-office and region users, a branch's first manager
  "org.regions.manage", // create, rename, delete regions
  "org.branches.manage", // create, rename, move, suspend, resume, delete branches
  "org.branches.export", // a branch's whole database leaves the system: export and restore
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL_STAFF = ["agent", "serviceSupervisor", "engineeringSupervisor", "technician", "branchManager", "nightManager"] as const;
const DESK = ["agent", "serviceSupervisor", "branchManager", "nightManager"] as const;
const SUPERVISORS = ["serviceSupervisor", "branchManager"] as const;
const ENGINEERING = ["engineeringSupervisor", "branchManager"] as const;

export const PERMISSIONS: Record<Action, readonly Role[]> = {
  "request.create": ALL_STAFF,
  "request.read": ALL_STAFF,
  // A technician works from "my jobs": no register, no complaints (SCREENS.md "Technician").
  "request.readAll": ["agent", "serviceSupervisor", "engineeringSupervisor", "branchManager", "nightManager"],
  "request.readResident": [...DESK, "engineeringSupervisor", "technician"],
  "request.overrideUrgency": [...DESK, "engineeringSupervisor"],
  "request.handOver": ALL_STAFF,
  "request.reply": [...DESK, "engineeringSupervisor", "technician"],
  "reply.overrideGuard": SUPERVISORS,
  "milestone.manage": ALL_STAFF,
  "milestone.recordBreachReason": ALL_STAFF,
  "workOrder.dispatch": [...DESK, "engineeringSupervisor"],
  "workOrder.review": ENGINEERING,
  "workOrder.quote": ["technician", "engineeringSupervisor"],
  "workOrder.recordWork": ["technician", "engineeringSupervisor"],
  "workOrder.recordPayment": DESK, // technicians never take payment
  "workOrder.recordResidentDecision": [...DESK, "engineeringSupervisor", "technician"],
  "workOrder.financeSignOff": SUPERVISORS,
  "request.followUp": DESK,
  "request.take": [...DESK, "engineeringSupervisor"],
  "case.manage": [...SUPERVISORS, "engineeringSupervisor"],
  "complaint.step": [...DESK, "engineeringSupervisor"],
  "complaint.approveReply": SUPERVISORS,
  "complaint.escalate": [...DESK],
  "notice.draft": DESK,
  "notice.approve": SUPERVISORS,
  "notice.publishEmergency": ["branchManager"],
  "visitor.register": DESK,
  "visitor.registerAtNight": ["nightManager", "branchManager"],
  "handover.write": DESK,
  "handover.sign": DESK,
  "survey.manage": SUPERVISORS,
  "settings.read": ALL_STAFF,
  "settings.write": SUPERVISORS,
  "deliveries.retry": SUPERVISORS,
  "audit.read": ["branchManager"],
  "hq.read": ["regionSupervisor", "hqSupervisor"],
  "staff.manage": ["branchManager"],
  "places.read": ALL_STAFF,
  "places.manage": ["branchManager"],
  "org.manageUsers": ["orgAdmin"],
  "org.regions.manage": ["orgAdmin"],
  "org.branches.manage": ["orgAdmin"],
  "org.branches.export": ["orgAdmin"],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
