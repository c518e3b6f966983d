import { audienceIncludes, HANDOVER_SIGN_GRACE_MS, type Locale, type MessageKey, newId, noticeBodyWithPhones, t } from "@wuye/core";
import type { BranchDb, ControlDb } from "../client/index.ts";
import type { BranchRow } from "./branch-directory.ts";
import { unitPlaces } from "./branch-directory.ts";
import { flagHandoverOnce, lateUnsignedHandovers } from "./handover.ts";
import { duePushNotices, liveNotices, type NoticeRow, pushNoticeOnce } from "./notice.ts";
import { verifiedResidents } from "./resident.ts";
import { staffOfBranch } from "./inbox.ts";
import { findStaffById } from "./staff.ts";

export const noticeNotificationId = (noticeId: string) => `ntf_ntc_${noticeId}`;

type Render = (locale: Locale) => { title: string; body: string };

function inboxRow(
  recipientType: "resident" | "staff",
  r: { id: string; locale: string },
  notificationId: string,
  type: string,
  now: number,
  render: Render,
  subject?: { type: "notice" | "handover" | "survey" | "delivery"; id: string },
) {
  const locale: Locale = r.locale === "en" ? "en" : "zh-CN";
  return {
    id: newId("ntf", now),
    notificationId,
    recipientType,
    recipientId: r.id,
    type,
    ...render(locale),
    requestId: null,
    subjectType: subject?.type ?? null,
    subjectId: subject?.id ?? null,
    createdAt: now,
  };
}

/** An inbox row for one resident, rendered in the resident's language. */
export const residentInboxRow = (
  r: { id: string; locale: string },
  notificationId: string,
  type: string,
  now: number,
  render: Render,
  subject?: Parameters<typeof inboxRow>[6],
) => inboxRow("resident", r, notificationId, type, now, render, subject);

/** An inbox row for one staff member, rendered in their language. */
export const staffInboxRow = (
  r: { id: string; locale: string },
  notificationId: string,
  type: string,
  now: number,
  render: Render,
  subject?: Parameters<typeof inboxRow>[6],
) => inboxRow("staff", r, notificationId, type, now, render, subject);

/** One inbox row per verified resident in the notice's audience, in the resident's language, phones appended. */
export async function noticeInboxRows(
  control: ControlDb,
  branch: BranchRow,
  db: BranchDb,
  n: Pick<NoticeRow, "id" | "title" | "body" | "audience">,
  now: number,
) {
  const [residents, places] = await Promise.all([verifiedResidents(db), unitPlaces(control, branch.id)]);
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const phones = { servicePhone: branch.servicePhone, complaintPhone: branch.complaintPhone };
  return residents
    .filter((r) => audienceIncludes(n.audience, r.unitId ? (placeOf.get(r.unitId) ?? null) : null))
    .map((r) =>
      residentInboxRow(
        r,
        noticeNotificationId(n.id),
        "notice.published",
        now,
        (locale) => ({
          title: t(locale, "notify.notice.title" as MessageKey, { title: n.title }),
          body: noticeBodyWithPhones(n.body, phones, locale),
        }),
        { type: "notice", id: n.id },
      ),
    );
}

/**
 * Notices whose scheduled time has come reach the residents' inboxes, each once (`pushedAt` is set in the
 * same transaction). The minute cron calls this for every branch; reading the notices calls it too, so a
 * late cron never keeps a published notice from the portal. Returns how many were pushed.
 */
export async function pushDueNotices(control: ControlDb, branch: BranchRow, db: BranchDb, now: number): Promise<number> {
  let pushed = 0;
  for (const n of await duePushNotices(db, now)) {
    if (await pushNoticeOnce(db, n.id, now, await noticeInboxRows(control, branch, db, n, now))) pushed += 1;
  }
  return pushed;
}

/** The live notices, after pushing any whose time has come. */
export async function releaseDueNotices(control: ControlDb, branch: BranchRow, db: BranchDb, now: number): Promise<NoticeRow[]> {
  const live = await liveNotices(db, now);
  if (live.some((n) => n.pushedAt === null)) await pushDueNotices(control, branch, db, now);
  return live;
}

/**
 * Handovers still unsigned after the grace period are flagged to the service-center supervisors' inboxes, once
 * each (the flag and the inbox rows in one transaction). The minute cron calls this for every branch.
 */
export async function flagUnsignedHandovers(control: ControlDb, branch: BranchRow, db: BranchDb, now: number): Promise<number> {
  const late = await lateUnsignedHandovers(db, now - HANDOVER_SIGN_GRACE_MS);
  if (late.length === 0) return 0;
  const supervisors = await staffOfBranch(control, branch.id, ["serviceSupervisor"]);
  let flagged = 0;
  for (const h of late) {
    // The supervisor is told who handed over by name, not by a staff id.
    const by = (await findStaffById(control, h.writtenBy))?.name ?? h.writtenBy;
    const rows = supervisors.map((sup) =>
      staffInboxRow(
        sup,
        `ntf_hdo_late_${h.id}`,
        "handover.flagged",
        now,
        (locale) => ({
          title: t(locale, "notify.handover.late.title" as MessageKey, { shift: t(locale, `handover.shift.${h.shift}` as MessageKey) }),
          body: t(locale, "notify.handover.late.body" as MessageKey, { by, minutes: HANDOVER_SIGN_GRACE_MS / 60_000 }),
        }),
        { type: "handover", id: h.id },
      ),
    );
    if (await flagHandoverOnce(db, h.id, now, rows)) flagged += 1;
  }
  return flagged;
}
