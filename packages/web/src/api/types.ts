// Response shapes of the API routes the web app reads, written from the route schemas in workers/api/src
// (public/schemas.ts, console/requests.ts, workflow/routes.ts, hq/routes.ts, frontdesk/notices.ts).
// Inputs are not repeated here: forms use the zod schemas of @wuye/core that the API validates with.
// Why not `hc<App>` from hono/client: see packages/web/README.md.
import type { Role } from "@wuye/core/auth";
import type { MilestoneName, RequestKind } from "@wuye/core/request";

export type { MilestoneName, RequestKind };

export interface BranchProfile {
  slug: string;
  name: string;
  nameEn: string;
  timeZone: string;
  servicePhone: string;
  complaintPhone: string;
  commitments: Array<{ milestone: MilestoneName; kinds: RequestKind[]; urgency: string | null; minutes: number; text: string }>;
  priceList: Array<{ code: string; name: string; unit: string; labourFen: number; materialFen: number }>;
  notices: Array<{ id: string; title: string; body: string; category: string; publishedAt: string }>;
  categories: Array<{ code: string; name: string; kind: RequestKind; urgent: boolean }>;
  communities: Array<{ id: string; name: string; units: Array<{ id: string; label: string }> }>;
}

export interface CreatedRequest {
  id: string;
  trackingCode: string;
  status: string;
  kind: RequestKind;
  urgency: "urgent" | "normal";
  milestones: Array<{ name: MilestoneName; dueAt: string }>;
}

export interface ResidentRecord {
  number?: string | null;
  item?: { code: string; name: Record<string, string>; standard: boolean; priceFen?: number } | null;
  priceDecision?: { feasible: boolean; priceFen: number | null; referral: string | null } | null;
  quote?: { lines: Array<{ code: string; name?: Record<string, string> | string; qty: number; labourFen?: number; materialFen?: number; totalFen?: number }>; totalFen: number; warranty: boolean; decided: boolean | null } | null;
  amountFen?: number | null;
  deferral?: string | null;
  accepted?: boolean;
  paid?: boolean;
}

export interface TrackingView {
  trackingCode: string;
  kind: RequestKind;
  category: string | null;
  urgency: string;
  status: string;
  createdAt: string;
  branch: { slug: string; name: string; servicePhone: string };
  milestones: Array<{ name: MilestoneName; dueAt: string | null; status: string; metAt: string | null; breached: boolean }>;
  timeline: Array<{ at: string; type: string; note: string | null }>;
  workflow: { state: string; residentActions: string[]; record: ResidentRecord };
}

export interface MyRequests {
  items: Array<{ trackingCode: string; kind: string; status: string; createdAt: string; milestones: Array<{ name: string; dueAt: string | null; status: string }> }>;
}

export interface StepResult {
  id: string;
  status: string;
  version: number;
  allowedActions: string[];
  record: Record<string, unknown>;
}

export interface MilestoneView {
  id: string;
  name: string;
  dueAt: string | null;
  status: string;
  metAt: string | null;
  breachedAt: string | null;
}

export interface RegisterItem {
  id: string;
  trackingCode: string;
  kind: RequestKind;
  category: string | null;
  urgency: string;
  status: string;
  channel: string;
  description: string;
  contactName: string;
  contactPhone: string;
  ownerId: string | null;
  createdAt: string;
  nextDueAt: string | null;
  milestones: MilestoneView[];
}
export interface RegisterPage {
  items: RegisterItem[];
  nextCursor: string | null;
}

export interface RequestDetail extends RegisterItem {
  contactEmail: string | null;
  unitId: string | null;
  communityId: string | null;
  area: string | null;
  appointment: { from: string; to: string } | null;
  keyLeft: boolean | null;
  urgencyReason: string | null;
  ownerByDuty: boolean;
  satisfaction: number | null;
  ratingComment: string | null;
  version: number;
  events: Array<{ id: string; type: string; at: string; actorId: string | null; actorRole: string | null; data: Record<string, unknown> }>;
}

export interface WorkflowView extends StepResult {
  pendingHandOver: PendingHandOver | null;
}

export interface WorkOrderRow {
  id: string;
  trackingCode: string;
  status: string;
  urgency: string;
  category: string | null;
  communityId: string | null;
  assigneeId: string | null;
  createdAt: string;
  version: number;
}
export interface DispatchBoard {
  technicians: Array<{ id: string; name: string; skills: string[]; communities: string[]; openOrders: number; orders: WorkOrderRow[] }>;
  unassigned: WorkOrderRow[];
}

export interface NoticeView {
  id: string;
  title: string;
  body: string;
  bodyForResidents: string;
  category: string;
  categoryName: string;
  status: string;
  emergency: boolean;
  publishAt: string | null;
  expiresAt: string | null;
  draftedBy: string;
  approvedBy: string | null;
  returnComment: string | null;
  history: Array<{ action: string; by: string; role: string; at: string; comment?: string }>;
  version: number;
}

export interface PolicyView {
  version: number;
  policy: { version?: number; rules?: Array<Record<string, unknown>>; calendars?: Record<string, unknown>; [k: string]: unknown };
  commitments: Array<{ milestone: string; text: string }>;
}
export interface SettingsView {
  version: number;
  categories: Array<{ code: string; name: Record<string, string>; kind: string; urgent: boolean }>;
  priceList: Array<{ code: string; name: Record<string, string>; unit: string; labourFen: number; materialFen: number; skill?: string }>;
  publicDailyLimit: number;
  nightShift: { from: string; to: string };
  notifications: { quietHours: { from: string; to: string }; webhook: string | null; sms: string | null; email: string | null };
  workflow: { reopenOnUnsatisfied: boolean; warrantyMonths: number };
}

export interface Compliance {
  milestone: string;
  metOnTime: number;
  metLate: number;
  overdueOpen: number;
  openInTime: number;
  compliance: number | null;
}
export interface Overview {
  branch?: string;
  name?: string;
  period: { from: string; to: string };
  requests: number;
  byKind: Record<string, number>;
  compliance: Compliance[];
  overdueNow: number;
  units: number;
  complaintRatePer1000Units: number | null;
  satisfaction: number | null;
  repeatComplaints: number;
  reopenRate: number | null;
}
export interface BranchRank {
  rank: number;
  branch: string;
  name: string;
  requests: number;
  compliance: number | null;
  overdueNow: number;
  complaintRatePer1000Units: number | null;
  satisfaction: number | null;
}
export interface TrendPoint {
  bucket: string;
  requests: number;
  compliance: number | null;
}
export interface OverdueItem {
  branch: string;
  milestoneId: string;
  requestId: string;
  milestone: string;
  kind: string;
  dueAt: string;
  ageMinutes: number;
}

export interface Colleague {
  id: string;
  name: string;
  role: Role;
}
/** A hand-over waiting for the receiver's answer (`pendingHandOver` of the workflow view). */
export interface PendingHandOver {
  id: string;
  requestId: string;
  fromId: string;
  toId: string;
  note: string | null;
  status: "pending";
  createdAt: number;
}
export interface OpenItems {
  items: Array<{ id: string; trackingCode: string; kind: RequestKind; status: string; urgency: string; createdAt: string }>;
  offered: Array<{ id: string; requestId: string; fromId: string; note: string | null; createdAt: string; trackingCode: string; kind: RequestKind }>;
}
export interface CaseEntry {
  id: string;
  requestId: string | null;
  source: "complaint" | "follow-up" | "manual" | string;
  problem: string;
  lesson: string;
  department: string;
  photos: string[];
  createdBy: string | null;
  createdAt: string;
}
