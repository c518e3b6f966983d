import { type Action, can } from "../auth/permission.ts";
import type { Role } from "../auth/role.ts";
import type { Trigger } from "../deadline/policy.ts";
import { Forbidden, InvalidTransition } from "../errors/index.ts";
import type { MilestoneName } from "../request/schema.ts";

/** Who performs a step: staff holding a permission, or the resident (staff may record it on their behalf). */
export type Performer = { staff: Action } | { resident: true; recordedBy: Action };

export interface Step<S extends string> {
  /** States the step may start from; `when` names a condition on the record that must also hold there. */
  from: readonly S[];
  when?: Partial<Record<S, string>>;
  /** Next state ("stay" keeps it), or one per outcome of the step's input (e.g. satisfied / unsatisfied). */
  to: S | "stay" | Readonly<Record<string, S>>;
  by: Performer;
  /** Milestones this step meets. */
  meets?: readonly MilestoneName[];
  /** A trigger this step fires even when it stays in its state (e.g. each progress update starts the next). */
  starts?: Trigger;
}

// biome-ignore lint/suspicious/noExplicitAny: a machine's conditions read its workflow's own record type
export interface Machine<S extends string = string, A extends string = string, R = any> {
  name: string;
  initial: S;
  states: readonly S[];
  /** Terminal states: the request is closed (closedAt set, open milestones cancelled). */
  terminal: readonly S[];
  /** Triggers fired on entering a state from another (their milestones start). */
  onEnter?: Partial<Record<S, Trigger>>;
  steps: Readonly<Record<A, Step<S>>>;
  conditions?: Readonly<Record<string, (record: R) => boolean>>;
}

export type Who = { role: Role } | "resident";

export function performs(by: Performer, who: Who): boolean {
  if (who === "resident") return "resident" in by;
  return "staff" in by ? can(who.role, by.staff) : can(who.role, by.recordedBy);
}

function startsFrom<S extends string, R>(m: Machine<S, string, R>, step: Step<S>, state: S, record: R): boolean {
  if (!step.from.includes(state)) return false;
  const condition = step.when?.[state];
  return !condition || (m.conditions?.[condition]?.(record) ?? false);
}

/** The steps `who` may take now: what the console shows as buttons and the portal as choices. */
/** Without a record, a condition reads an empty one (machines without conditions need none). */
const NO_RECORD = {};

export function allowedSteps<S extends string, A extends string, R>(m: Machine<S, A, R>, state: S, who: Who, record = NO_RECORD as R): A[] {
  return (Object.keys(m.steps) as A[]).filter((a) => startsFrom(m, m.steps[a], state, record) && performs(m.steps[a].by, who));
}

/**
 * The state after `action`: 409 when the state does not allow it (whoever asks), 403 when it does but not for
 * this performer. `outcome` picks the target of a step with several.
 */
export function nextState<S extends string, A extends string, R>(
  m: Machine<S, A, R>,
  state: S,
  action: A,
  who: Who,
  record = NO_RECORD as R,
  outcome?: string,
): S {
  const step = m.steps[action];
  if (!step || !startsFrom(m, step, state, record)) throw new InvalidTransition(state, action);
  if (!performs(step.by, who))
    throw new Forbidden(`"${action}" is not allowed for ${who === "resident" ? "the resident" : `role ${who.role}`}`);
  if (step.to === "stay") return state;
  if (typeof step.to === "string") return step.to as S;
  const target = outcome === undefined ? undefined : step.to[outcome];
  if (!target) throw new Error(`step "${action}" of ${m.name} has no outcome "${outcome}"`);
  return target;
}

export function isTerminal<S extends string>(m: Machine<S>, state: S): boolean {
  return m.terminal.includes(state);
}
