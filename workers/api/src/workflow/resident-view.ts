import { type RequestKind, recordOfKind, type WorkflowRecord } from "@wuye/core";

/** What the resident sees of the record: prices, quotes and decisions — no staff ids, no internal notes. */
export function residentView(kind: RequestKind, record: WorkflowRecord): Record<string, unknown> {
  if (kind !== "repair") return {};
  const w = recordOfKind(kind, record);
  const q = w.quotes?.at(-1);
  return {
    number: w.number ?? null,
    item: w.item ?? null,
    priceDecision:
      w.review?.feasible === undefined
        ? null
        : { feasible: w.review.feasible, priceFen: w.review.priceFen ?? null, referral: w.review.referral ?? null },
    quote: q
      ? { lines: q.lines, totalFen: q.totalFen, warranty: q.warrantyOf !== null, decided: q.decision ? q.decision.accepted : null }
      : null,
    amountFen: w.work?.totalFen ?? null,
    deferral: w.deferral?.condition ?? null,
    accepted: !!w.acceptance,
    paid: !!w.payment,
  };
}
