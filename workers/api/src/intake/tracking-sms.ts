import {
  holdTrackingLink,
  hourlyHold,
  hourWindow,
  type IntakePlan,
  SMS_BRANCH_KEY,
  type SmsHoldReason,
  smsBudgetVerdict,
  smsCounters,
  smsDay,
  smsHoldLimit,
  smsPhoneKey,
  type TrackingSms,
  trackingLinkPhone,
} from "@wuye/core";
import { type BranchDb, countDown, countsOf, smsSentToday, tryCountUp } from "@wuye/db";

export interface TrackingSmsCheck {
  plan: IntakePlan;
  /** What the staff member is told; absent when the intake texts nobody (the portal, a request found by staff). */
  sms?: TrackingSms;
  /** Takes the hourly count back when the request's write then fails. */
  undo(): Promise<void>;
}

const nothing = async () => {};

/**
 * The caller's tracking link (a request staff took by phone, walk-in or letter) against what texts may cost, before
 * the request is written: the day's budget, then this hour's counters of the phone and of the branch, counted now.
 * Past one of them the request is recorded all the same and its text kept as held with the reason, which the staff
 * member is told, so that they give the caller the tracking code themselves.
 */
export async function checkTrackingSms(
  db: BranchDb,
  plan: IntakePlan,
  branch: { timeZone: string; smsDailyBudget: number },
  now: number,
): Promise<TrackingSmsCheck> {
  const phone = trackingLinkPhone(plan);
  if (!phone) return { plan, undo: nothing };
  const held = (reason: SmsHoldReason, heldPlan: IntakePlan): TrackingSmsCheck => ({
    plan: heldPlan,
    sms: { status: "held", reason, limit: smsHoldLimit(reason, branch.smsDailyBudget) },
    undo: nothing,
  });
  // The budget is the notify worker's to apply when it would send (it holds the text and alarms the manager, or
  // sends it if the budget was raised meanwhile): here the taker is only told.
  const sentToday = await smsSentToday(db, smsDay(branch.timeZone, now).window);
  if (smsBudgetVerdict("request.trackingLink", sentToday, branch.smsDailyBudget) === "over-budget") return held("daily-budget", plan);
  const steps = smsCounters({ phone }, now);
  if (await tryCountUp(db, steps)) return { plan, sms: { status: "queued" }, undo: () => countDown(db, steps) };
  const [phoneCount = 0, branchCount = 0] = await countsOf(db, [smsPhoneKey(phone), SMS_BRANCH_KEY], hourWindow(now));
  const reason = hourlyHold({ phone: phoneCount, branch: branchCount });
  return held(reason, holdTrackingLink(plan, reason));
}
