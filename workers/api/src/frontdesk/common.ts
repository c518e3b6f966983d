import { z } from "@hono/zod-openapi";
import { newId, noticeBodyWithPhones, t, type Locale, type MessageKey } from "@wuye/core";
import { type BranchDb, type BranchRow, liveNotices, pushNoticeOnce, type NoticeRow, unitPlaces, verifiedResidents } from "@wuye/db";
import { audienceIncludes, BadInput, type NoticeAudience, StaleVersion } from "@wuye/core";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { errorResponses, problemContent } from "../http/openapi.ts";
import type { Services } from "../services.ts";

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const IdParam = z.object({ id: z.string().min(3).max(64) });
export const IfMatchHeader = z.object({ "if-match": z.string().optional() });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
export const stateResponses = {
  ...errorResponses,
  409: { description: "Not allowed in the current state", content: problemContent },
  412: { description: "Stale version (If-Match)", content: problemContent },
} as const;

/**
 * The instant a front-desk action happens. Outside production a test may pin it with `x-clock-at`
 * (ISO 8601), the same way the deadlines worker takes `x-sweep-at`; production always uses the clock.
 */
export function clockOf(c: Context<HonoEnv>): number {
  const s = c.var.services;
  const pinned = c.req.header("x-clock-at");
  if (pinned && s.vars.ENVIRONMENT !== "production") {
    const at = Date.parse(pinned);
    if (Number.isNaN(at)) throw new BadInput("bad x-clock-at", [{ path: "x-clock-at", message: "expected an ISO 8601 instant" }]);
    return at;
  }
  return s.now();
}

export function throwIfStale(result: { ok: true; version: number } | { ok: false; currentVersion: number }, expected: number | null): asserts result is { ok: true; version: number } {
  if (!result.ok) throw new StaleVersion(expected ?? result.currentVersion - 1, result.currentVersion);
}

/** Audience ids must be the branch's own communities and buildings. */
export async function checkAudience(s: Services, branch: BranchRow, audience: NoticeAudience | undefined): Promise<void> {
  if (!audience) return;
  const places = await unitPlaces(s.control, branch.id);
  const cs = new Set(places.map((p) => p.communityId));
  const bs = new Set(places.map((p) => p.buildingId));
  const errors = [
    ...(audience.communityIds ?? []).flatMap((id, i) => (cs.has(id) ? [] : [{ path: `audience.communityIds.${i}`, message: "not a community of this branch" }])),
    ...(audience.buildingIds ?? []).flatMap((id, i) => (bs.has(id) ? [] : [{ path: `audience.buildingIds.${i}`, message: "not a building of this branch" }])),
  ];
  if (errors.length) throw new BadInput("unknown audience", errors);
}

export const noticeNotificationId = (noticeId: string) => `ntf_ntc_${noticeId}`;

/** An inbox row for one resident, rendered in the resident's language. */
export function residentInboxRow(r: { id: string; locale: string }, notificationId: string, type: string, now: number, render: (locale: Locale) => { title: string; body: string }) {
  const locale: Locale = r.locale === "en" ? "en" : "zh-CN";
  return { id: newId("ntf", now), notificationId, recipientType: "resident", recipientId: r.id, type, ...render(locale), requestId: null, createdAt: now };
}

/** One inbox row per verified resident in the notice's audience, in the resident's language, phones appended. */
export async function noticeInboxRows(s: Services, branch: BranchRow, db: BranchDb, n: Pick<NoticeRow, "id" | "title" | "body" | "audience">, now: number) {
  const [residents, places] = await Promise.all([verifiedResidents(db), unitPlaces(s.control, branch.id)]);
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const phones = { servicePhone: branch.servicePhone, complaintPhone: branch.complaintPhone };
  return residents
    .filter((r) => audienceIncludes(n.audience, r.unitId ? (placeOf.get(r.unitId) ?? null) : null))
    .map((r) =>
      residentInboxRow(r, noticeNotificationId(n.id), "notice.published", now, (locale) => ({
        title: t(locale, "notify.notice.title" as MessageKey, { title: n.title }),
        body: noticeBodyWithPhones(n.body, phones, locale),
      })),
    );
}

/** Scheduled notices whose time has come reach the inboxes once (called when notices are read). */
export async function releaseDueNotices(s: Services, branch: BranchRow, db: BranchDb, now: number): Promise<NoticeRow[]> {
  const live = await liveNotices(db, now);
  for (const n of live.filter((x) => x.pushedAt === null)) await pushNoticeOnce(db, n.id, now, await noticeInboxRows(s, branch, db, n, now));
  return live;
}
