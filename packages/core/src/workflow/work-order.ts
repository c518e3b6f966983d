import { DAY, localDayOf } from "../deadline/zoned-time.ts";
import type { PriceItem } from "../branch/settings.ts";
import { addCalendarMonths } from "../deadline/zoned-time.ts";
import type { TechnicianLoad } from "./step.ts";

export interface QuoteLine {
  code: string;
  name: { "zh-CN": string; en: string };
  unit: string;
  qty: number;
  labourFen: number;
  materialFen: number;
}

export interface Quote {
  lines: QuoteLine[];
  labourFen: number;
  materialFen: number;
  totalFen: number;
  /** Rework within the warranty: linked to the original and free. */
  warrantyOf: string | null;
  by: string;
  at: number;
  decision?: { accepted: boolean; reason?: string; by: string; at: number };
}

/** The item being repaired: from the price list, or a non-standard one priced by the engineering supervisor. */
export interface WorkItem {
  code: string;
  name: { "zh-CN": string; en: string };
  standard: boolean;
  /** Non-standard items: the reviewed price (labour and material together). */
  priceFen?: number;
  skill?: string | undefined;
}

export const NON_STANDARD = "non-standard";

/** 维修服务任务单 — the work order, kept as one document per repair request. */
export interface WorkOrder {
  number: string;
  item?: WorkItem;
  review?: {
    item: string;
    feasible?: boolean;
    priceFen?: number;
    note?: string;
    referral?: string;
    by?: string;
    at?: number;
    referredBy: string;
    referredAt: number;
  };
  priceApproval?: { approved: boolean; note?: string; by: string; at: number };
  technicianId?: string;
  dispatches: Array<{
    technicianId: string;
    auto: boolean;
    appointment?: { from: number; to: number };
    keyLeft?: boolean;
    by: string;
    at: number;
  }>;
  onSite?: {
    confirmed: boolean;
    correction?: { from: WorkItem; to: WorkItem; reason: string };
    /** Photos taken on arrival ("before"), attachment ids. */
    photos?: string[];
    by: string;
    at: number;
  };
  quotes: Quote[];
  refusal?: {
    reason: string;
    recordedBy: string;
    at: number;
    technicianSignedBy?: string;
    technicianSignedAt?: number;
    supervisorSignedBy?: string;
    supervisorSignedAt?: number;
  };
  refusals: NonNullable<WorkOrder["refusal"]>[];
  materialsChecks: Array<{
    material: string;
    result: "pass" | "fail" | "poor";
    note?: string;
    residentWarned: boolean;
    by: string;
    at: number;
  }>;
  work?: {
    done: string;
    materials: Array<{ name: string; qty: number; unit?: string; suppliedBy: "branch" | "resident" }>;
    labourFen: number;
    materialFen: number;
    totalFen: number;
    /** Photos of the finished work ("after"), attachment ids. */
    photos?: string[];
    by: string;
    at: number;
  };
  returns: Array<{ reason: string; by: string; at: number }>;
  deferral?: { condition: "next-rain" | "water-flows"; note?: string; by: string; at: number };
  /** `signature` is the name as signed; `signatureId` the drawn signature (a PNG attachment). */
  acceptance?: { amountFen: number; signature: string; signatureId?: string; note?: string; by: string; at: number };
  payment?: { amountFen: number; method: string; receiptNo: string; by: string; at: number };
  financeSignOff?: { by: string; at: number };
  warrantyOf: string | null;
  completedAt?: number;
  followUps: Array<{ channel: string; satisfied: boolean; score?: number; comment?: string; by: string; at: number }>;
}

export function newWorkOrder(number: string): WorkOrder {
  return { number, dispatches: [], quotes: [], refusals: [], materialsChecks: [], returns: [], warrantyOf: null, followUps: [] };
}

/** Work-order number: WO + the branch's local date + the request's tail (unique with the request). */
export function workOrderNumber(requestId: string, at: number, timeZone = "Asia/Shanghai"): string {
  // Through the zone's cached offsets: a new Intl.DateTimeFormat costs ~0.4 ms, and the tracking page of
  // a repair builds this on every poll until its first step.
  const day = new Date(localDayOf(timeZone, at) * DAY).toISOString().slice(0, 10).replaceAll("-", "");
  return `WO${day}-${requestId.slice(-6).toUpperCase()}`;
}

export function itemFromPriceList(p: PriceItem): WorkItem {
  return { code: p.code, name: p.name, standard: true, skill: p.skill };
}

/**
 * The quote, from the published price list only (or the reviewed price of a non-standard item), given before
 * work — never a price afterwards. Within the warranty it is free.
 */
export function priceQuote(
  lines: Array<{ code: string; qty: number }>,
  priceList: readonly PriceItem[],
  item: WorkItem | undefined,
  warrantyOf: string | null,
): Omit<Quote, "by" | "at"> | { unknown: string[] } {
  const unknown: string[] = [];
  const out: QuoteLine[] = [];
  for (const l of lines) {
    if (l.code === NON_STANDARD && item && !item.standard && item.priceFen !== undefined) {
      out.push({ code: NON_STANDARD, name: item.name, unit: "项", qty: l.qty, labourFen: item.priceFen * l.qty, materialFen: 0 });
      continue;
    }
    const p = priceList.find((x) => x.code === l.code);
    if (!p) {
      unknown.push(l.code);
      continue;
    }
    out.push({ code: p.code, name: p.name, unit: p.unit, qty: l.qty, labourFen: p.labourFen * l.qty, materialFen: p.materialFen * l.qty });
  }
  if (unknown.length) return { unknown };
  const labourFen = warrantyOf ? 0 : out.reduce((s, l) => s + l.labourFen, 0);
  const materialFen = warrantyOf ? 0 : out.reduce((s, l) => s + l.materialFen, 0);
  return { lines: out, labourFen, materialFen, totalFen: labourFen + materialFen, warrantyOf };
}

/** End of the warranty on a repair completed at `completedAt`: the same time `months` calendar months later in the branch's zone. */
export function warrantyEnds(completedAt: number, months: number, timeZone: string): number {
  return addCalendarMonths(completedAt, months, timeZone);
}

/** A repair completed at `completedAt` is still under its warranty at `now`. */
export function withinWarranty(completedAt: number, now: number, months: number, timeZone: string): boolean {
  return months > 0 && now >= completedAt && now <= warrantyEnds(completedAt, months, timeZone);
}

/** The earliest completion a warranty may still cover at `now` (where to start looking for the original repair). */
export function warrantyLookback(now: number, months: number, timeZone: string): number {
  return addCalendarMonths(now, -months, timeZone);
}

/**
 * The technician to send: one with the item's skill (when anyone has it), then one serving the community,
 * then the one with the fewest open orders; ties by id so the choice is repeatable.
 */
export function pickTechnician(
  techs: readonly TechnicianLoad[],
  need: { skill?: string | undefined; communityId: string | null },
): TechnicianLoad | null {
  if (!techs.length) return null;
  const skilled = need.skill ? techs.filter((t) => t.skills.includes(need.skill!)) : [];
  const pool = skilled.length ? skilled : techs;
  const score = (t: TechnicianLoad) => (need.communityId && t.communities.includes(need.communityId) ? 0 : 1);
  return [...pool].sort((a, b) => score(a) - score(b) || a.openOrders - b.openOrders || a.id.localeCompare(b.id))[0] ?? null;
}
