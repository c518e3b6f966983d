import type { MilestoneName, RequestKind } from "@wuye/core/request";
import type { Api, ClientMethod, Output } from "../lib/api.ts";

export type { MilestoneName, RequestKind };

/** `T` with the fields of `R` in place of its own (keeps `T`'s other fields, even next to an index signature). */
type Replace<T, R> = { [K in keyof T as K extends keyof R ? never : K]: T[K] } & R;

type Public = Api["public"];
type Console = Api["console"];

export type BranchProfile = Output<Public["branches"][":branch"]["$get"]>;
export type CreatedRequest = Output<Public["branches"][":branch"]["requests"]["$post"]>;
export type MyRequests = Output<Public["branches"][":branch"]["my"]["requests"]["$get"]>;
export type InboxView = Output<Console["inbox"]["$get"]>;

type Tracking = Output<Public["requests"][":trackingCode"]["$get"]>;
/** The tracking page; `workflow.record` is documented as a free-form object: `residentView` (api) writes these fields. */
export type TrackingView = Replace<Tracking, { workflow: Replace<Tracking["workflow"], { record: ResidentRecord }> }>;
export type ResidentRecord = {
  number?: string | null;
  item?: { code: string; name: Record<string, string>; standard: boolean; priceFen?: number } | null;
  priceDecision?: { feasible: boolean; priceFen: number | null; referral: string | null } | null;
  quote?: {
    lines: Array<{
      code: string;
      name?: Record<string, string> | string;
      qty: number;
      labourFen?: number;
      materialFen?: number;
      totalFen?: number;
    }>;
    totalFen: number;
    warranty: boolean;
    decided: boolean | null;
  } | null;
  amountFen?: number | null;
  deferral?: string | null;
  accepted?: boolean;
  paid?: boolean;
};

export type StepResult = Output<Console["requests"][":id"]["actions"]["dispatch"]["$post"]>;
export type RegisterPage = Output<Console["requests"]["$get"]>;
export type RegisterItem = RegisterPage["items"][number];
export type MilestoneView = RegisterItem["milestones"][number];
/** `kind` is documented as a string; it is one of the request kinds (the workflow forms depend on it). */
export type RequestDetail = Replace<Output<Console["requests"][":id"]["$get"]>, { kind: RequestKind }>;
export type WorkflowView = Output<Console["requests"][":id"]["workflow"]["$get"]>;
export type NoticeView = Output<Console["notices"]["$get"]>["items"][number];

/** `GET /console/dispatch-board`: documented as `unknown[]` rows. */
export type DispatchBoard = {
  technicians: Array<{ id: string; name: string; skills: string[]; communities: string[]; openOrders: number; orders: WorkOrderRow[] }>;
  unassigned: WorkOrderRow[];
  /** The branch's skills by code, named in both languages. */
  skills: Array<{ code: string; name: { zh: string; en: string } }>;
};
export type WorkOrderRow = {
  id: string;
  trackingCode: string;
  status: string;
  urgency: string;
  category: string | null;
  description: string;
  unitId: string | null;
  area: string | null;
  communityId: string | null;
  assigneeId: string | null;
  createdAt: string;
  version: number;
};

export type PolicyView = Output<Console["settings"]["policy"]["$get"]>;
/** `GET /console/settings`: the lists are documented as `unknown[]`. */
export type SettingsView = Replace<
  Output<Console["settings"]["$get"]>,
  {
    categories: Array<{ code: string; name: Record<string, string>; kind: string; urgent: boolean; skill?: string }>;
    skills: Array<{ code: string; name: { zh: string; en: string } }>;
    priceList: Array<{ code: string; name: Record<string, string>; unit: string; labourFen: number; materialFen: number; skill?: string }>;
    publicDailyLimit: number;
    smsDailyBudget: number;
    nightShift: { from: string; to: string };
    notifications: { quietHours: { from: string; to: string }; webhook: string | null; sms: string | null; email: string | null };
    workflow: { reopenOnUnsatisfied: boolean; warrantyMonths: number };
  }
>;

type Hq = Api["hq"];
/** A head-office table answers JSON or, with `format=csv`, a CSV text: the JSON, read with `refine`. */
type HqJson<M extends ClientMethod> = Exclude<Output<M>, string>;
/** `GET /hq/overview`, `/hq/branches/{branch}` (the drill-down adds `branch` and `name`). */
export type Overview = HqJson<Hq["overview"]["$get"]>;
export type Compliance = Overview["compliance"][number];
export type Ranking = HqJson<Hq["branches"]["$get"]>;
export type Trends = HqJson<Hq["trends"]["$get"]>;
export type TrendPoint = Trends["items"][number];
export type OverdueRows = HqJson<Hq["overdue"]["$get"]>;
export type SurveyList = HqJson<Hq["surveys"]["$get"]>;

export type Colleague = Output<Console["colleagues"]["$get"]>["items"][number];
/** A hand-over waiting for the receiver's answer. */
export type PendingHandOver = NonNullable<WorkflowView["pendingHandOver"]>;
export type OpenItems = Output<Console["me"]["open-items"]["$get"]>;
export type MyJobs = Output<Console["me"]["jobs"]["$get"]>;
export type CaseEntry = Output<Console["cases"]["$get"]>["items"][number];

/** `GET /console/audit` as JSON (it also answers CSV). */
export type AuditList = Exclude<Output<Console["audit"]["$get"]>, string>;
