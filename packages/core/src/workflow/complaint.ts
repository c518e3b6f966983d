import type { Machine } from "./machine.ts";
import type { ComplaintRecord } from "./complaint-steps.ts";

/** The eight steps of DOMAIN.md "Complaints"; step 1 (receive) is the intake itself. */
export const COMPLAINT_STATES = [
  "received",
  "classified",
  "investigated",
  "assigned",
  "handled",
  "visited",
  "summarized",
  "archived",
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

const OPEN: ComplaintState[] = ["received", "classified", "investigated", "assigned", "handled", "visited", "summarized"];

export const COMPLAINT_MACHINE = {
  name: "complaint",
  initial: "received",
  states: COMPLAINT_STATES,
  terminal: ["archived"],
  onEnter: { classified: "progress", handled: "completed" },
  steps: {
    classify: { from: ["received"], to: "classified", by: { staff: "complaint.step" } },
    investigate: { from: ["classified"], to: "investigated", by: { staff: "complaint.step" } },
    "assign-responsibility": { from: ["investigated"], to: "assigned", by: { staff: "complaint.step" } },
    // A communicative complaint (help, inquiry, suggestion, venting) has no fault to find: it may go from
    // classification to handling. A written one is handled only once its approved written reply was sent.
    handle: {
      from: ["assigned", "classified"],
      when: { classified: "communicativeReplied", assigned: "writtenReplySent" },
      to: "handled",
      by: { staff: "complaint.step" },
    },
    visit: { from: ["handled"], to: { closed: "visited", reopened: "assigned" }, by: { staff: "request.followUp" }, meets: ["followUp"] },
    summarize: { from: ["visited"], to: "summarized", by: { staff: "complaint.step" } },
    archive: { from: ["summarized"], to: "archived", by: { staff: "complaint.approveReply" } },
    "draft-reply": { from: OPEN, to: "stay", by: { staff: "complaint.step" } },
    "approve-reply": {
      from: OPEN,
      when: Object.fromEntries(OPEN.map((s) => [s, "hasDraft"])),
      to: "stay",
      by: { staff: "complaint.approveReply" },
      meets: ["response"],
    },
    "return-reply": {
      from: OPEN,
      when: Object.fromEntries(OPEN.map((s) => [s, "hasDraft"])),
      to: "stay",
      by: { staff: "complaint.approveReply" },
    },
    escalate: { from: OPEN, to: "stay", by: { staff: "complaint.escalate" } },
    progress: {
      from: OPEN,
      when: Object.fromEntries(OPEN.map((s) => [s, "notWritten"])),
      to: "stay",
      by: { staff: "request.reply" },
      meets: ["response", "progress"],
      starts: "progress",
    },
  },
  conditions: {
    hasDraft: (r) => !!r.replyDraft,
    notWritten: (r) => r.written !== true,
    writtenReplySent: (r) => r.written !== true || !!r.replySentAt,
    communicativeReplied: (r) => r.nature === "communicative" && (r.written !== true || !!r.replySentAt),
  },
} as const satisfies Machine<ComplaintState, string, ComplaintRecord>;

export type ComplaintStep = keyof typeof COMPLAINT_MACHINE.steps;

/** A repeat complaint (重复投诉): the same unit complained within this window before (head office counts them). */
export const REPEAT_COMPLAINT_WINDOW_MS = 90 * 86_400_000;
