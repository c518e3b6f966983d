import { milestoneNoticeRow, nextCheckAt, noticeOf, noticeRecipients } from "@wuye/core";
import {
  type Databases,
  dueMilestoneFacts,
  enqueueOnce,
  flagUnsignedHandovers,
  ensureMonthlyReports,
  markMilestoneBreached,
  type OutboxMessage,
  publishOutbox,
  pushDueNotices,
  recordNotice,
  sentNoticeKeys,
  updateMilestoneFact,
} from "@wuye/db";
import { type PhotoStore, sweepUploads } from "./uploads.ts";

export interface SweepResult {
  republished: number;
  checked: number;
  notices: number;
  reports: number;
  /** Scheduled resident notices pushed to the inboxes. */
  noticesPushed: number;
  /** Handovers left unsigned past the grace period, flagged to the supervisors. */
  handoversFlagged: number;
  /** Uploads no request took within 24 h, deleted. */
  uploadsDeleted: number;
}

const REPUBLISH_AFTER_MS = 10_000;

/**
 * The minute sweep: (1) re-publish outbox rows the API could not hand to the queue, (2) one indexed query
 * for milestones with a warning, breach or escalation due, each turned into a notification exactly once:
 * the notification's id is derived from milestone + notice key, so a second sweep's insert is ignored.
 */
export async function sweep(
  dbs: Databases,
  send: (topic: string, m: OutboxMessage[]) => Promise<void>,
  now: number,
  photos?: PhotoStore,
): Promise<SweepResult> {
  let republished = 0;
  let uploadsDeleted = 0;
  let noticesPushed = 0;
  let handoversFlagged = 0;
  const branches = await dbs.branches();
  for (const branch of branches) {
    const db = dbs.branchDb(branch);
    republished += await publishOutbox(db, send, { olderThan: now - REPUBLISH_AFTER_MS, limit: 500 });
    // Scheduled notices (物业服务信息告知) go out when their time comes, read or not.
    noticesPushed += await pushDueNotices(dbs.control, branch, db, now);
    // Handovers nobody signed within the grace period go to the supervisors (交接班).
    handoversFlagged += await flagUnsignedHandovers(dbs.control, branch, db, now);
    uploadsDeleted += await sweepUploads(db, photos, now);
  }

  const due = await dueMilestoneFacts(dbs.supervision, now);
  let notices = 0;
  for (const fact of due) {
    const branch = branches.find((b) => b.id === fact.branchId);
    if (!branch) continue;
    const db = dbs.branchDb(branch);
    const sent = await sentNoticeKeys(dbs.supervision, fact.milestoneId);
    const fresh = fact.schedule.filter((n) => n.at <= now && !sent.has(n.key));
    const ids: string[] = [];
    for (const n of fresh) {
      const notice = noticeOf(n.key);
      // Catching up after downtime: a warning for a clock already past due says nothing new; record, don't send.
      if (notice.type === "warning" && fact.dueAt !== null && now >= fact.dueAt) {
        await recordNotice(dbs.supervision, { milestoneId: fact.milestoneId, noticeKey: n.key, branchId: branch.id, at: now });
        sent.add(n.key);
        continue;
      }
      const row = milestoneNoticeRow(
        branch,
        {
          requestId: fact.requestId,
          milestoneId: fact.milestoneId,
          milestone: fact.name,
          kind: fact.kind,
          dueAt: fact.dueAt,
          noticeKey: n.key,
          type: `milestone.${notice.type}`,
          recipients: noticeRecipients(fact.name, notice),
          at: n.at,
        },
        now,
      );
      await enqueueOnce(db, [row]);
      ids.push(row.id);
      if (notice.type === "breach") {
        await markMilestoneBreached(db, fact.milestoneId, n.at);
        await updateMilestoneFact(dbs.supervision, fact.milestoneId, { breachedAt: n.at });
      }
      if (await recordNotice(dbs.supervision, { milestoneId: fact.milestoneId, noticeKey: n.key, branchId: branch.id, at: now }))
        notices += 1;
      sent.add(n.key);
    }
    await updateMilestoneFact(dbs.supervision, fact.milestoneId, { nextCheckAt: nextCheckAt(fact.schedule, sent), updatedAt: now });
    if (ids.length) await publishOutbox(db, send, { ids });
  }
  const reports = await ensureMonthlyReports(dbs.supervision, branches, now);
  return { republished, checked: due.length, notices, reports, noticesPushed, handoversFlagged, uploadsDeleted };
}
