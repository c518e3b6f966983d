import { z } from "zod";
import { type Action, can } from "../auth/permission.ts";
import type { Role } from "../auth/role.ts";
import type { BranchSettings } from "../branch/settings.ts";
import { Forbidden, BadInput, ReplyBlocked } from "../errors/index.ts";
import type { NoticeType } from "../notification/types.ts";
import { checkReply } from "../reply-language/guard.ts";
import type { AttachmentPurpose } from "../attachment/policy.ts";
import { MAX_STEP_PHOTOS } from "../attachment/policy.ts";
import type { RequestKind } from "../request/kind.ts";
import type { WorkflowRecord } from "./record.ts";

export const NO_MARKUP = /<\s*\/?\s*[a-z!?]/i;
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !NO_MARKUP.test(s), { message: "must be plain text (no HTML or scripts)" });
export const Instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
export const Fen = z.number().int().min(0).max(100_000_000);
/** An uploaded file's id (`POST …/attachments`). */
export const AttachmentId = z.string().regex(/^att_[0-9a-z]{22}$/, "an uploaded file's id");
/** Photos a step carries, by upload id, each once. */
export const StepPhotos = z
  .array(AttachmentId)
  .max(MAX_STEP_PHOTOS)
  .refine((ids) => new Set(ids).size === ids.length, { message: "each photo once" })
  .optional();
export const photosOf = (ids: string[] | undefined) => (ids ?? []).map((id) => ({ id, purpose: "photo" as const }));
/** A supervisor's override of the language guard, with the reason on record. */
export const GuardOverride = z.strictObject({ reason: plainText(500).pipe(z.string().min(4)) }).optional();

export interface TechnicianLoad {
  id: string;
  name: string;
  skills: string[];
  communities: string[];
  openOrders: number;
}

/** Everything a step may look at; the worker loads it, the step decides, the worker persists. */
export interface StepContext<R = WorkflowRecord> {
  now: number;
  /** Staff acting (or recording the resident's answer); null when the resident acts in the portal. */
  actor: { staffId: string; role: Role } | null;
  settings: BranchSettings;
  request: {
    id: string;
    kind: RequestKind;
    category: string | null;
    unitId: string | null;
    communityId: string | null;
    channel: string;
    ownerId: string | null;
    /** The technician the work order is with. */
    assigneeId: string | null;
    trackingCode: string;
  };
  record: R;
  /** Repairs: the earlier completed repair of the same item and unit within the warranty, if any. */
  warranty?: { requestId: string; trackingCode: string; completedAt: number } | null;
  technicians?: TechnicianLoad[];
}

export interface StepNotice {
  type: NoticeType;
  /** "resident", "owner", a role name, or "staff:<id>". */
  recipients: string[];
  params: Record<string, string>;
}

export interface CaseEntry {
  source: "complaint" | "follow-up";
  problem: string;
  lesson: string;
  department: string;
  photos: string[];
}

export interface StepEffect<R = WorkflowRecord> {
  outcome?: string;
  record: R;
  /** Timeline key shown to the resident ("reply" shows `text`); null keeps the step internal. */
  publicNote: string | null;
  data: Record<string, unknown>;
  notices?: StepNotice[];
  caseEntry?: CaseEntry;
  /** Due time of a promise (call-back). */
  dueAt?: number;
  /** The technician the request is now with (repairs). */
  assigneeId?: string | null;
  /** The visit agreed at dispatch: appointment (预约维修时间) and whether a key was left (留钥匙). */
  visit?: { appointmentFrom?: number; appointmentTo?: number; keyLeft?: boolean };
  /** Set when an unsatisfied follow-up reopened the request. */
  reopened?: boolean;
  /** The resident's score given in a follow-up (the request's satisfaction). */
  rating?: { score: number; comment: string | null };
  /** Uploads this step attaches to the request: the worker checks each is this branch's and still unattached. */
  attachments?: Array<{ id: string; purpose: AttachmentPurpose }>;
}

// biome-ignore lint/suspicious/noExplicitAny: a table of steps holds defs of every input type
export interface StepDef<I = any, R = WorkflowRecord> {
  input: z.ZodType<I>;
  apply(input: I, ctx: StepContext<R>): StepEffect<R>;
}

/** A workflow's steps by name, each with its own input type, all over the workflow's record `R`. */
// biome-ignore lint/suspicious/noExplicitAny: a table of steps holds defs of every input type
export type StepTable<A extends string, R> = Record<A, StepDef<any, R>>;

/** The step builder of a workflow whose record is `R`: each step reads and writes that record, typed. */
export const stepOf =
  <R>() =>
  <S extends z.ZodType>(input: S, apply: (input: z.output<S>, ctx: StepContext<R>) => StepEffect<R>): StepDef<z.output<S>, R> => ({
    input: input as z.ZodType<z.output<S>>,
    apply,
  });

const unwrapped = (s: z.ZodType | undefined): z.ZodType | undefined => {
  let t = s;
  while (t instanceof z.ZodOptional || t instanceof z.ZodNullable || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
  return t;
};

/**
 * The choices a step's input offers at a field path ("method", "appointment.kind"): the options of its enum,
 * or none. The forms offer exactly what the step accepts, so a choice is written once, here in the schema.
 */
export function stepChoices(input: z.ZodType | undefined, path: string): readonly string[] {
  let t = unwrapped(input);
  for (const key of path.split(".")) {
    if (!(t instanceof z.ZodObject)) return [];
    t = unwrapped((t.shape as Record<string, z.ZodType>)[key]);
  }
  return t instanceof z.ZodEnum ? (t.options as string[]) : [];
}

/** Who did it and when, as every step records it. */
export const signed = (ctx: Pick<StepContext<unknown>, "actor" | "now">) => ({ by: ctx.actor?.staffId ?? "resident", at: ctx.now });

/** The language guard on staff text to residents; a supervisor may override with a reason on record. */
export function guardText(
  text: string,
  override: { reason: string } | undefined,
  ctx: Pick<StepContext<unknown>, "actor" | "settings">,
): Record<string, unknown> {
  const verdict = checkReply(text, ctx.settings.replyGuard);
  if (verdict.ok) {
    if (override)
      throw new BadInput("nothing to override", [{ path: "override", message: "the text passes the guard; send it without an override" }]);
    return {};
  }
  if (!override) throw new ReplyBlocked(verdict.hits);
  if (!ctx.actor || !can(ctx.actor.role, "reply.overrideGuard" satisfies Action))
    throw new Forbidden("only a supervisor may override the language guard");
  return { override: { reason: override.reason, by: ctx.actor.staffId, hits: verdict.hits.map((h) => h.phrase) } };
}

export const field = (path: string, message: string) => new BadInput(message, [{ path, message }]);
