import { z } from "zod";
import type { ComplaintStep } from "./complaint.ts";
import { followUp, FollowUpInput } from "./repair-steps.ts";
import { GuardOverride, guardText, Instant, plainText, signed, type StepContext, type StepTable, stepOf } from "./step.ts";
import type { WorkOrder } from "./work-order.ts";

/** The complaint's case file: each of the eight steps with who and when. */
export interface ComplaintRecord {
  written: boolean;
  nature?: "valid" | "communicative";
  communicativeType?: "help" | "inquiry" | "suggestion" | "venting";
  content?: "equipment" | "attitude" | "quality" | "sudden";
  reasonable?: boolean;
  demand?: string;
  findings?: string;
  rootCause?: string;
  responsibility?: { department: string; person?: string; plan: string };
  handling?: { actions: string; residentOpinion: string; residentSigned: boolean };
  summary?: { cause: string; process: string; correctiveAction: string; preventiveAction: string; lesson: string; department: string };
  replyDraft?: { text: string; by: string; at: number; guard?: Record<string, unknown> };
  replies: Array<{ text: string; draftedBy: string; approvedBy: string; at: number }>;
  replySentAt?: number;
  returnedDrafts: Array<{ text: string; comment: string; by: string; at: number }>;
  escalations: Array<{ severity: "serious" | "unsolvable"; incidentReport: string; by: string; at: number }>;
  followUps: WorkOrder["followUps"];
  steps: Record<string, { by: string; at: number }>;
}

/** Written complaints (信访, a letter) need the supervisor's approval of the written reply. */
export function newComplaintRecord(channel: string): ComplaintRecord {
  return { written: channel === "letter", replies: [], returnedDrafts: [], escalations: [], followUps: [], steps: {} };
}

const step = stepOf<ComplaintRecord>();
const cr = (ctx: StepContext<ComplaintRecord>) => ctx.record;
const keep = (ctx: StepContext<ComplaintRecord>, name: string, patch: Partial<ComplaintRecord>): ComplaintRecord => ({
  ...ctx.record,
  ...patch,
  steps: { ...ctx.record.steps, [name]: signed(ctx) },
});
const code = (ctx: StepContext) => ({ trackingCode: ctx.request.trackingCode });

export const COMPLAINT_STEPS: StepTable<ComplaintStep, ComplaintRecord> = {
  classify: step(
    z
      .strictObject({
        nature: z.enum(["valid", "communicative"]),
        communicativeType: z.enum(["help", "inquiry", "suggestion", "venting"]).optional(),
        content: z.enum(["equipment", "attitude", "quality", "sudden"]),
        reasonable: z.boolean(),
        demand: plainText(1000),
        written: z.boolean().optional(),
      })
      .refine((v) => v.nature === "valid" || v.communicativeType !== undefined, {
        message: "say which kind of communicative complaint",
        path: ["communicativeType"],
      }),
    (i, ctx) => ({
      record: keep(ctx, "classify", {
        nature: i.nature,
        ...(i.communicativeType ? { communicativeType: i.communicativeType } : {}),
        content: i.content,
        reasonable: i.reasonable,
        demand: i.demand,
        // A letter stays a written complaint (its reply needs approval); classifying may only add the flag.
        written: cr(ctx).written || i.written === true,
      }),
      publicNote: "classified",
      data: { nature: i.nature, content: i.content, reasonable: i.reasonable },
    }),
  ),
  investigate: step(z.strictObject({ findings: plainText(2000), rootCause: plainText(1000) }), (i, ctx) => ({
    record: keep(ctx, "investigate", { findings: i.findings, rootCause: i.rootCause }),
    publicNote: "investigated",
    data: {},
  })),
  "assign-responsibility": step(
    z.strictObject({ department: plainText(60), person: plainText(40).optional(), plan: plainText(2000) }),
    (i, ctx) => ({
      record: keep(ctx, "assign-responsibility", {
        responsibility: { department: i.department, ...(i.person ? { person: i.person } : {}), plan: i.plan },
      }),
      publicNote: "responsibility-assigned",
      data: { department: i.department },
    }),
  ),
  handle: step(z.strictObject({ actions: plainText(2000), residentOpinion: plainText(1000), residentSigned: z.boolean() }), (i, ctx) => ({
    record: keep(ctx, "handle", { handling: { actions: i.actions, residentOpinion: i.residentOpinion, residentSigned: i.residentSigned } }),
    publicNote: "handled",
    data: { residentSigned: i.residentSigned },
  })),
  // Apologise again even when the resident is satisfied (DOMAIN.md step 6): the visitor confirms it.
  visit: step(FollowUpInput().and(z.object({ apologised: z.literal(true) })), (i, ctx) =>
    followUp(i, ctx, cr(ctx).followUps, (followUps) => keep(ctx, "visit", { followUps })),
  ),
  summarize: step(
    z.strictObject({
      cause: plainText(1000),
      process: plainText(2000),
      correctiveAction: plainText(1000),
      preventiveAction: plainText(1000),
      lesson: plainText(1000),
      department: plainText(60),
      photos: z.array(z.string().max(64)).max(6).optional(),
    }),
    (i, ctx) => ({
      record: keep(ctx, "summarize", {
        summary: {
          cause: i.cause,
          process: i.process,
          correctiveAction: i.correctiveAction,
          preventiveAction: i.preventiveAction,
          lesson: i.lesson,
          department: i.department,
        },
      }),
      publicNote: null,
      data: { department: i.department },
      caseEntry: {
        source: "complaint",
        problem: `${cr(ctx).demand ?? ""} — ${i.cause}`,
        lesson: `${i.lesson}\n${i.preventiveAction}`,
        department: i.department,
        photos: i.photos ?? [],
      },
    }),
  ),
  archive: step(z.strictObject({ note: plainText(500).optional() }), (i, ctx) => ({
    record: keep(ctx, "archive", {}),
    publicNote: "archived",
    data: { note: i.note ?? null },
  })),

  "draft-reply": step(z.strictObject({ text: plainText(4000), override: GuardOverride }), (i, ctx) => {
    const guard = guardText(i.text, i.override, ctx);
    return {
      record: {
        ...cr(ctx),
        replyDraft: { text: i.text, ...signed(ctx), ...(Object.keys(guard).length ? { guard } : {}) },
      },
      publicNote: null,
      data: { ...guard },
      notices: [{ type: "complaint.replyForApproval", recipients: ["serviceSupervisor"], params: code(ctx) }],
    };
  }),
  // The approved written reply is what the resident receives; the supervisor's approval is on record.
  "approve-reply": step(z.strictObject({ note: plainText(500).optional() }), (_i, ctx) => {
    const c = cr(ctx);
    const draft = c.replyDraft!;
    const { replyDraft: _sent, ...rest } = c;
    return {
      record: {
        ...rest,
        replies: [...c.replies, { text: draft.text, draftedBy: draft.by, approvedBy: ctx.actor!.staffId, at: ctx.now }],
        replySentAt: ctx.now,
      },
      publicNote: "reply",
      data: { text: draft.text, approvedBy: ctx.actor!.staffId, draftedBy: draft.by },
      notices: [{ type: "request.reply", recipients: ["resident"], params: { ...code(ctx), text: draft.text } }],
    };
  }),
  "return-reply": step(z.strictObject({ comment: plainText(500) }), (i, ctx) => {
    const c = cr(ctx);
    const { replyDraft: draft, ...rest } = c;
    return {
      record: {
        ...rest,
        returnedDrafts: [...c.returnedDrafts, { text: draft!.text, comment: i.comment, ...signed(ctx) }],
      },
      publicNote: null,
      data: { comment: i.comment },
      notices: [{ type: "complaint.replyReturned", recipients: [`staff:${draft!.by}`], params: { ...code(ctx), comment: i.comment } }],
    };
  }),
  escalate: step(z.strictObject({ severity: z.enum(["serious", "unsolvable"]), incidentReport: plainText(4000) }), (i, ctx) => ({
    record: {
      ...cr(ctx),
      escalations: [...cr(ctx).escalations, { severity: i.severity, incidentReport: i.incidentReport, ...signed(ctx) }],
    },
    publicNote: null,
    data: { severity: i.severity },
    notices: [
      { type: "complaint.escalated", recipients: ["branchManager", "serviceSupervisor"], params: { ...code(ctx), severity: i.severity } },
    ],
  })),
  // Regular news to the resident until closed; when it cannot be solved in time, why and the expected date.
  progress: step(z.strictObject({ text: plainText(2000), expectedBy: Instant.optional(), override: GuardOverride }), (i, ctx) => {
    const guard = guardText(i.text, i.override, ctx);
    const text = i.expectedBy ? `${i.text}(${new Date(i.expectedBy).toISOString().slice(0, 10)})` : i.text;
    return {
      record: ctx.record,
      publicNote: "reply",
      data: { text, expectedBy: i.expectedBy ?? null, ...guard },
      notices: [{ type: "request.reply", recipients: ["resident"], params: { ...code(ctx), text } }],
    };
  }),
};
