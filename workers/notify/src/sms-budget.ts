import {
  type BranchSettings,
  type NoticeType,
  smsBudgetAlarmRow,
  smsBudgetReached,
  smsBudgetVerdict,
  smsDay,
  smsHoldText,
} from "@wuye/core";
import { type BranchDb, countSmsToday, enqueueOnce, type OutboxMessage, publishOutbox, uncountSmsToday } from "@wuye/db";

/** Hands outbox rows to the notifications queue (the worker's own binding). */
export type SendToQueue = (topic: string, messages: OutboxMessage[]) => Promise<void>;

/** Branch-days whose alarm this isolate has written: later texts of the day skip even the idempotent insert. */
const alarmed = new Set<string>();

/**
 * A branch's SMS budget for the day `now` falls in, in the branch's time zone. `take` counts a text before it is
 * sent and says whether it may go (core's `smsBudgetVerdict`); a text that finds the budget reached raises the
 * manager's alarm, written to the outbox once a day under its id and published to the queue.
 */
export function smsBudgetFor(
  db: BranchDb,
  branch: { id: string; orgId: string; timeZone: string },
  settings: Pick<BranchSettings, "smsDailyBudget">,
  now: number,
  send: SendToQueue,
) {
  const budget = settings.smsDailyBudget;
  const day = smsDay(branch.timeZone, now);

  async function alarm() {
    const key = `${branch.id}:${day.date}`;
    if (alarmed.has(key)) return;
    const row = smsBudgetAlarmRow(branch, { date: day.date, budget }, now);
    // Written once a day (its id); a publication that fails is re-published by the sweep.
    if (await enqueueOnce(db, [row])) await publishOutbox(db, send, { rows: [row] }).catch(() => 0);
    alarmed.add(key);
  }

  return {
    /** Counts the text on the day, or answers why it is held (then it is not counted). */
    async take(type: NoticeType): Promise<{ held: string | null }> {
      const sentBefore = await countSmsToday(db, { window: day.window, at: now });
      if (smsBudgetReached(sentBefore, budget)) await alarm();
      if (smsBudgetVerdict(type, sentBefore, budget) === "send") return { held: null };
      await uncountSmsToday(db, day.window);
      return { held: smsHoldText("daily-budget", budget) };
    },
    /** A counted text that did not go (its gateway failed or refused): not charged to the day. */
    giveBack: () => uncountSmsToday(db, day.window),
  };
}
