import type { Trigger } from "../deadline/policy.ts";
import { BadInput, Forbidden } from "../errors/index.ts";
import type { RequestKind } from "../request/kind.ts";
import type { MilestoneName } from "../request/schema.ts";
import { ANSWER_STEPS } from "./answer-steps.ts";
import { COMPLAINT_MACHINE, type ComplaintStep } from "./complaint.ts";
import { type ComplaintRecord, COMPLAINT_STEPS, newComplaintRecord } from "./complaint-steps.ts";
import { ANSWER_MACHINE, type AnswerStep } from "./inquiry.ts";
import { allowedSteps, isTerminal, type Machine, nextState, type Performer, type Who } from "./machine.ts";
import { REPAIR_MACHINE, type RepairStep } from "./repair.ts";
import { REPAIR_STEPS } from "./repair-steps.ts";
import type { StepContext, StepEffect, StepTable } from "./step.ts";
import {
  type AnswerRecord,
  type RecordOfKind,
  recordOfKind,
  type WorkflowName,
  workflowNameOf,
  type WorkflowRecord,
  type WorkflowRecords,
} from "./record.ts";
import { newWorkOrder, type WorkOrder, workOrderNumber } from "./work-order.ts";

/** A workflow: its state machine and its steps, both over its own record `R`. */
export interface Workflow<R = WorkflowRecord> {
  machine: Machine<string, string, R>;
  steps: StepTable<string, R>;
}

const REPAIR: Workflow<WorkOrder> = { machine: REPAIR_MACHINE, steps: REPAIR_STEPS };
const COMPLAINT: Workflow<ComplaintRecord> = { machine: COMPLAINT_MACHINE, steps: COMPLAINT_STEPS };
const ANSWER: Workflow<AnswerRecord> = { machine: ANSWER_MACHINE, steps: ANSWER_STEPS };
const BY_NAME: { [N in WorkflowName]: Workflow<WorkflowRecords[N]> } = { repair: REPAIR, complaint: COMPLAINT, answer: ANSWER };

/** The workflow of each request kind, over that kind's record. */
export function workflowOf<K extends RequestKind>(kind: K): Workflow<RecordOfKind<K>> {
  return BY_NAME[workflowNameOf(kind)] as Workflow<RecordOfKind<K>>;
}

/** Every step name of every workflow, each with its input schema (one console endpoint per step). */
export const WORKFLOWS = { repair: REPAIR, complaint: COMPLAINT, answer: ANSWER } as const;

/** A step of any workflow; the console has one endpoint per name (`POST /console/requests/{id}/actions/{step}`). */
export type StepName = RepairStep | ComplaintStep | AnswerStep;
type ResidentStepOf<M extends { steps: Record<string, { by: Performer }> }> = {
  [K in keyof M["steps"]]: M["steps"][K]["by"] extends { resident: true } ? K : never;
}[keyof M["steps"]];
/** A step the resident takes in the portal (`POST /public/requests/{trackingCode}/actions/{step}`). */
export type ResidentStep =
  | ResidentStepOf<typeof REPAIR_MACHINE>
  | ResidentStepOf<typeof COMPLAINT_MACHINE>
  | ResidentStepOf<typeof ANSWER_MACHINE>;

const workflowList = Object.values(WORKFLOWS);
/** Every step name, each once, in workflow order (the keys of the typed *_STEPS records). */
export const STEP_NAMES = [...new Set(workflowList.flatMap((w) => Object.keys(w.steps)))] as StepName[];
/** The steps a resident performs (staff may record them on their behalf), each once, in workflow order. */
export const RESIDENT_STEPS = [
  ...new Set(
    workflowList.flatMap((w) =>
      Object.entries(w.machine.steps)
        .filter(([, st]) => "resident" in st.by)
        .map(([n]) => n),
    ),
  ),
] as ResidentStep[];
const stepNames = new Set<string>(STEP_NAMES);
const residentSteps = new Set<string>(RESIDENT_STEPS);
/** Narrows a step name the API sent (`allowedActions`, `residentActions` are plain strings). */
export const isStepName = (name: string): name is StepName => stepNames.has(name);
export const isResidentStep = (name: string): name is ResidentStep => residentSteps.has(name);
/** Every terminal state of every workflow (closed, cancelled, archived): the statuses of a closed request. */
export const CLOSED_STATUSES: readonly string[] = [...new Set(workflowList.flatMap((w) => w.machine.terminal))];
const closedStates = new Set<string>(CLOSED_STATUSES);
/** A request in a terminal state of its workflow (closed, cancelled, archived): nothing is left to do on it. */
export const isClosedStatus = (status: string): boolean => closedStates.has(status);

/** The record a request starts with (work order, complaint case file, or a plain answer record). */
export function initialRecord<K extends RequestKind>(req: { id: string; kind: K; channel: string; createdAt: number }): RecordOfKind<K> {
  const name: WorkflowName = workflowNameOf(req.kind);
  const record: WorkflowRecord =
    name === "repair" ? newWorkOrder(workOrderNumber(req.id, req.createdAt)) : name === "complaint" ? newComplaintRecord(req.channel) : {};
  return recordOfKind(req.kind, record);
}

export interface StepPlan<R = WorkflowRecord> {
  state: string;
  effect: StepEffect<R>;
  meets: MilestoneName[];
  /** Triggers whose milestones start now (with a due time for promises). */
  starts: Array<{ trigger: Trigger; dueAt?: number }>;
  /** The request is closed by this step (closedAt set, its open milestones cancelled). */
  closes: boolean;
}

/** A technician acts only on the work orders assigned to them; everyone else as their role allows. */
export function technicianMayAct(actor: { staffId: string; role: string } | null, assigneeId: string | null): boolean {
  return actor?.role !== "technician" || actor.staffId === assigneeId;
}

/** The steps `who` may take now; a technician sees none on an order that is not theirs. */
export function allowedActions<K extends RequestKind>(
  kind: K,
  state: string,
  who: Who,
  record: RecordOfKind<K>,
  on?: { staffId: string; assigneeId: string | null },
): string[] {
  if (who !== "resident" && on && !technicianMayAct({ staffId: on.staffId, role: who.role }, on.assigneeId)) return [];
  return allowedSteps(workflowOf(kind).machine, state, who, record);
}

/**
 * One step of a request's workflow, decided without I/O: the state machine (409 / 403), the input
 * (400 naming the field), the language guard (422), and everything the step changes.
 */
export function planStep<K extends RequestKind>(
  kind: K,
  action: string,
  rawInput: unknown,
  state: string,
  who: Who,
  ctx: StepContext<RecordOfKind<K>>,
): StepPlan<RecordOfKind<K>> {
  const wf = workflowOf(kind);
  const def = wf.steps[action];
  const machineStep = wf.machine.steps[action];
  if (!def || !machineStep)
    throw new BadInput(`unknown step "${action}" for a ${kind} request`, [
      { path: "action", message: `not a step of the ${wf.machine.name} workflow` },
    ]);
  // The state machine first: a step that is not allowed now is refused before its input is looked at.
  nextState(wf.machine, state, action, who, ctx.record, typeof machineStep.to === "object" ? Object.keys(machineStep.to)[0] : undefined);
  if (!technicianMayAct(ctx.actor, ctx.request.assigneeId))
    throw new Forbidden("only the technician the work order is assigned to acts on it");
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new BadInput(
      "invalid input",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })),
    );
  }
  const applied = def.apply(parsed.data, ctx);
  const next = nextState(wf.machine, state, action, who, ctx.record, applied.outcome);
  const closes = isTerminal(wf.machine, next) && !isTerminal(wf.machine, state);
  // The resident hears of every close they did not do themselves, unless the closing step is the answer itself.
  const answered = applied.notices?.some((n) => n.type === "request.reply");
  const effect: StepEffect<RecordOfKind<K>> =
    closes && who !== "resident" && !answered
      ? {
          ...applied,
          notices: [
            ...(applied.notices ?? []),
            { type: "request.closed", recipients: ["resident"], params: { trackingCode: ctx.request.trackingCode } },
          ],
        }
      : applied;
  const starts: StepPlan["starts"] = [];
  const entered = next !== state ? wf.machine.onEnter?.[next] : undefined;
  if (entered) starts.push({ trigger: entered, ...(effect.dueAt !== undefined ? { dueAt: effect.dueAt } : {}) });
  if (machineStep.starts && machineStep.starts !== entered) starts.push({ trigger: machineStep.starts });
  return {
    state: next,
    effect,
    meets: [...(machineStep.meets ?? [])],
    starts,
    closes,
  };
}

/** What happens next on a request, as "my requests" tells the resident: their own step, or what the branch does now. */
export type NextStep = { yours: StepName } | { waiting: "dispatch" | "review" | "visit" | "repair" | "followUp" | "done" | "handling" };

const REPAIR_WAITING: Record<string, Extract<NextStep, { waiting: string }>["waiting"]> = {
  received: "dispatch",
  approved: "dispatch",
  returned: "dispatch",
  review: "review",
  dispatched: "visit",
  onSite: "repair",
  inProgress: "repair",
  refused: "repair",
  refusalSigned: "repair",
  awaitingPayment: "followUp",
};

const SIDE_STEPS = new Set(["withdraw", "defer-acceptance", "decline-price", "refuse-quote", "return-work"]);

export function nextStepOf(kind: RequestKind, status: string, record: Record<string, unknown> = {}): NextStep {
  if (isClosedStatus(status)) return { waiting: "done" };
  // The resident's main step: agreeing, accepting, confirming; refusing, deferring or withdrawing stay open but are not "next".
  const yours = allowedActions(kind, status, "resident", record).filter((s) => !SIDE_STEPS.has(s));
  if (yours[0]) return { yours: yours[0] as StepName };
  if (kind === "repair") return { waiting: REPAIR_WAITING[status] ?? "handling" };
  return { waiting: "handling" };
}
