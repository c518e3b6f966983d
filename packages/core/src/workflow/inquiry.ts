import type { Machine } from "./machine.ts";

/**
 * Inquiries, everyday help, emergencies (A, E, F) and suggestions: answer, or promise a call-back at a time —
 * the promise is a commitment with its own deadline (DOMAIN.md "Inquiries").
 */
export const ANSWER_STATES = ["received", "promised", "closed", "cancelled"] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

export const ANSWER_MACHINE = {
  name: "answer",
  initial: "received",
  states: ANSWER_STATES,
  terminal: ["closed", "cancelled"],
  onEnter: { promised: "promised" },
  steps: {
    answer: { from: ["received", "promised"], to: "closed", by: { staff: "request.reply" }, meets: ["reply", "callback"] },
    "promise-callback": { from: ["received"], to: "promised", by: { staff: "request.reply" }, meets: ["reply"] },
    withdraw: { from: ["received", "promised"], to: "cancelled", by: { resident: true, recordedBy: "request.reply" } },
  },
} as const satisfies Machine<AnswerState>;

export type AnswerStep = keyof typeof ANSWER_MACHINE.steps;
