import type { Machine } from "./machine.ts";

/** 维修服务任务单: the repair flow of DOMAIN.md "Repairs", steps 1–8. */
export const REPAIR_STATES = [
  "received", // recorded at the service center
  "review", // non-standard item with the engineering supervisor (15 minutes)
  "awaitingPriceApproval", // feasibility and price decided; the resident must agree before anyone is sent
  "approved", // the resident agreed to the non-standard price
  "dispatched", // a technician is on the way
  "onSite", // item checked (or corrected) on site
  "quoted", // price given before work
  "refused", // the resident refused the quote; the technician signs the reason
  "refusalSigned", // the engineering supervisor signs it off
  "returned", // back at the service center (after a refusal, or reopened)
  "inProgress", // quote accepted, work under way
  "awaitingAcceptance", // work done; the resident confirms the amount and accepts
  "acceptanceDeferred", // leaks: accepted after the next rain; unblocking: when water flows
  "awaitingPayment", // accepted; paid at the service center only
  "completed", // paid (or free); the follow-up visit is due
  "closed",
  "cancelled",
] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

const resident = (recordedBy: "workOrder.recordResidentDecision" | "request.followUp") => ({ resident: true as const, recordedBy });

export const REPAIR_MACHINE = {
  name: "repair",
  initial: "received",
  states: REPAIR_STATES,
  terminal: ["closed", "cancelled"],
  onEnter: { review: "dispatched-to-engineering", completed: "completed" },
  steps: {
    "refer-for-review": { from: ["received"], to: "review", by: { staff: "workOrder.dispatch" } },
    review: {
      from: ["review"],
      to: { feasible: "awaitingPriceApproval", infeasible: "closed" },
      by: { staff: "workOrder.review" },
      meets: ["review"],
    },
    "approve-price": { from: ["awaitingPriceApproval"], to: "approved", by: resident("workOrder.recordResidentDecision") },
    "decline-price": { from: ["awaitingPriceApproval"], to: "closed", by: resident("workOrder.recordResidentDecision") },
    dispatch: { from: ["received", "approved", "returned"], to: "dispatched", by: { staff: "workOrder.dispatch" } },
    arrive: { from: ["dispatched"], to: "onSite", by: { staff: "workOrder.recordWork" }, meets: ["onSite"] },
    quote: { from: ["onSite"], to: "quoted", by: { staff: "workOrder.quote" } },
    "accept-quote": { from: ["quoted"], to: "inProgress", by: resident("workOrder.recordResidentDecision") },
    "refuse-quote": { from: ["quoted"], to: "refused", by: resident("workOrder.recordResidentDecision") },
    "sign-refusal": { from: ["refused"], to: "refusalSigned", by: { staff: "workOrder.quote" } },
    "approve-refusal": { from: ["refusalSigned"], to: "returned", by: { staff: "workOrder.review" } },
    "check-materials": { from: ["inProgress"], to: "inProgress", by: { staff: "workOrder.recordWork" } },
    "complete-work": { from: ["inProgress"], to: "awaitingAcceptance", by: { staff: "workOrder.recordWork" }, meets: ["repaired"] },
    "defer-acceptance": { from: ["awaitingAcceptance"], to: "acceptanceDeferred", by: resident("workOrder.recordResidentDecision") },
    "confirm-completion": {
      from: ["awaitingAcceptance", "acceptanceDeferred"],
      to: { payable: "awaitingPayment", free: "completed" },
      by: resident("workOrder.recordResidentDecision"),
    },
    "return-work": {
      from: ["awaitingAcceptance", "acceptanceDeferred"],
      to: "inProgress",
      by: resident("workOrder.recordResidentDecision"),
    },
    "record-payment": { from: ["awaitingPayment"], to: "completed", by: { staff: "workOrder.recordPayment" } },
    // The resident rates online in the portal, or staff record the call or visit (回访).
    "follow-up": {
      from: ["completed"],
      to: { closed: "closed", reopened: "returned" },
      by: resident("request.followUp"),
      meets: ["followUp"],
    },
    withdraw: {
      from: ["received", "review", "awaitingPriceApproval", "approved", "dispatched", "returned"],
      to: "cancelled",
      by: resident("workOrder.recordResidentDecision"),
    },
  },
} as const satisfies Machine<RepairState>;

export type RepairStep = keyof typeof REPAIR_MACHINE.steps;
