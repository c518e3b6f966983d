import type { RequestKind } from "../request/kind.ts";
import type { ComplaintRecord } from "./complaint-steps.ts";
import type { WorkOrder } from "./work-order.ts";

// The record a request's workflow keeps beside its state: typed by the workflow its kind follows.

/** An answered request's record (inquiries, suggestions, help, security…): when it was answered or promised. */
export interface AnswerRecord {
  answeredAt?: number;
  promisedAt?: number;
}

/** Each workflow's record. */
export interface WorkflowRecords {
  repair: WorkOrder;
  complaint: ComplaintRecord;
  answer: AnswerRecord;
}
export type WorkflowName = keyof WorkflowRecords;
export type WorkflowRecord = WorkflowRecords[WorkflowName];

/** The workflow a request kind follows: repairs and complaints their own, every other kind the answer workflow. */
export type WorkflowNameOf<K extends RequestKind> = K extends "repair" ? "repair" : K extends "complaint" ? "complaint" : "answer";
export const workflowNameOf = <K extends RequestKind>(kind: K): WorkflowNameOf<K> =>
  (kind === "repair" ? "repair" : kind === "complaint" ? "complaint" : "answer") as WorkflowNameOf<K>;

/** The record of a request of kind `K`. */
export type RecordOfKind<K extends RequestKind> = WorkflowRecords[WorkflowNameOf<K>];

/** A request's kind with its record, narrowed together: `if (r.kind === "repair") r.record.dispatches…`. */
export type KindWithRecord =
  | { kind: "repair"; record: WorkOrder }
  | { kind: "complaint"; record: ComplaintRecord }
  | { kind: Exclude<RequestKind, "repair" | "complaint">; record: AnswerRecord };

/**
 * A stored record read as its kind's: the record of a request is only ever written by its kind's workflow
 * (`initialRecord`, then its steps), so the kind says which it is.
 */
export const recordOfKind = <K extends RequestKind>(_kind: K, stored: WorkflowRecord): RecordOfKind<K> => stored as RecordOfKind<K>;
