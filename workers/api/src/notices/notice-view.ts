import { z } from "@hono/zod-openapi";
import {
  type Actor,
  type Locale,
  NOTICE_CATEGORIES,
  type NoticeCategory,
  type NoticeStatus,
  noticeBodyWithPhones,
  noticeCategoryName,
  noticeDisplay,
} from "@wuye/core";
import type { BranchRow, NoticeRow } from "@wuye/db";
import { iso } from "../http/common.ts";

export const NoticeView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** The body as residents read it: the branch's phones appended. */
  bodyForResidents: z.string(),
  category: z.enum(NOTICE_CATEGORIES),
  categoryName: z.string(),
  status: z.string().openapi({ description: "draft | pending | returned | scheduled | published | emergencyPending | expired" }),
  audience: z.object({ communityIds: z.array(z.string()).optional(), buildingIds: z.array(z.string()).optional() }).nullable(),
  emergency: z.boolean(),
  publishAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  draftedBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  pushedAt: z.string().nullable(),
  history: z.array(z.object({ action: z.string(), by: z.string(), role: z.string(), at: z.string(), comment: z.string().optional() })),
  version: z.number(),
});

export function noticeView(n: NoticeRow, branch: BranchRow, locale: Locale, now: number) {
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    bodyForResidents: noticeBodyWithPhones(n.body, branch, locale),
    category: n.category as NoticeCategory,
    categoryName: noticeCategoryName(n.category as NoticeCategory, locale),
    status: noticeDisplay({ status: n.status as NoticeStatus, publishAt: n.publishAt, expiresAt: n.expiresAt }, now),
    audience: n.audience ?? null,
    emergency: n.emergency,
    publishAt: iso(n.publishAt),
    expiresAt: iso(n.expiresAt),
    draftedBy: n.draftedBy,
    approvedBy: n.approvedBy,
    approvedAt: iso(n.approvedAt),
    returnComment: n.returnComment,
    pushedAt: iso(n.pushedAt),
    history: n.history.map((h) => ({ ...h, at: iso(h.at) })),
    version: n.version,
  };
}

/** The line a notice's history gets for each action. */
export const historyEntry = (actor: Actor, action: string, at: number, comment?: string) => ({
  action,
  by: actor.staffId,
  role: actor.role,
  at,
  ...(comment ? { comment } : {}),
});

export const noticeSubject = (id: string) => ({ type: "notice", id });
