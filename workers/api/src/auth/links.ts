import { BadInput, INVITE_LINK_SECONDS, linkInAnswer, newId, RESET_LINK_SECONDS, randomToken, sha256Hex } from "@wuye/core";
import { findStaffToken, insertOutboxRows, insertStaffToken, retireStaffTokens, type StaffRow, type StaffTokenRow } from "@wuye/db";
import { publishCommitted } from "../outbox.ts";
import type { Services } from "../services.ts";

export type LinkPurpose = "invite" | "reset";
const TTL_MS: Record<LinkPurpose, number> = { invite: INVITE_LINK_SECONDS * 1000, reset: RESET_LINK_SECONDS * 24 * 1000 };

/** The web page that sets the password from a link. */
export const linkUrl = (origin: string, token: string) => `${origin}/invite/${token}`;

export interface SentLink {
  expiresAt: string;
  /**
   * The link itself, to hand over in person, when no SMS carried it (no phone, or no branch to send from);
   * in development and tests always, as the dev sink would show it.
   */
  link?: string;
  sentTo: Array<"sms">;
}

/**
 * A one-time link that sets the member's password; older links stop working. It goes by SMS to the member's
 * phone through the branch's notifications (the dev sink locally). When no SMS can carry it, the answer does,
 * for the manager or administrator to hand over in person (the action is audited); in development always.
 */
export async function sendPasswordLink(
  s: Services,
  row: StaffRow,
  purpose: LinkPurpose,
  origin: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<SentLink> {
  const now = s.now();
  const token = randomToken(32);
  const expiresAt = now + TTL_MS[purpose];
  await retireStaffTokens(s.control, row.id, ["invite", "reset"], now);
  await insertStaffToken(s.control, {
    id: newId("stk", now),
    staffId: row.id,
    purpose,
    tokenHash: await sha256Hex(token),
    expiresAt,
    createdAt: now,
  });
  const link = linkUrl(origin, token);
  const sentTo = await notifyStaff(s, row, "staff.link", { name: row.name, link }, waitUntil);
  return { expiresAt: new Date(expiresAt).toISOString(), sentTo, ...(linkInAnswer(s.vars.ENVIRONMENT, sentTo.length > 0) ? { link } : {}) };
}

/** An SMS to the member through their branch's notifications path; members without a branch or phone get none. */
export async function notifyStaff(
  s: Services,
  row: StaffRow,
  type: "staff.link" | "staff.code",
  params: Record<string, string>,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<Array<"sms">> {
  if (!row.phone || !row.branchId) return [];
  const branch = await s.branch({ id: row.branchId });
  if (!branch) return [];
  const now = s.now();
  const message = {
    id: newId("obx", now),
    topic: "notifications",
    payload: {
      notificationId: newId("ntf", now),
      type,
      branchId: branch.id,
      orgId: branch.orgId,
      to: row.phone,
      params: { ...params, branch: branch.name },
      recipients: [],
    },
    createdAt: now,
  };
  const db = s.branchDb(branch);
  await insertOutboxRows(db, [message]);
  waitUntil(publishCommitted(s, db, branch.dbUrl, [message]));
  return ["sms"];
}

/** A link's row if it is unused, unexpired and of one of these purposes; otherwise a 400 naming `token`. */
export async function usableLink(s: Services, token: string, purposes: LinkPurpose[]): Promise<StaffTokenRow> {
  const row = await findStaffToken(s.control, await sha256Hex(token));
  if (!row || row.usedAt || row.expiresAt <= s.now() || !purposes.includes(row.purpose as LinkPurpose)) {
    throw new BadInput("this link is used or expired", [{ path: "token", message: "used or expired; ask your manager for a new link" }]);
  }
  return row;
}
