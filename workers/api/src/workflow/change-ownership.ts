import { newId, type NoticeType, requestEventRow, requestNoticeRow } from "@wuye/core";
import { changeRequest } from "@wuye/db";
import type { Context } from "hono";
import { etagOf, throwIfStale } from "../http/common.ts";
import type { HonoEnv } from "../hono-env.ts";
import { publishAfter } from "../outbox.ts";

export interface OwnershipChange {
  request: { id: string; version: number };
  /** The version the client saw (If-Match), or null to check against the version just read. */
  expected: number | null;
  type: string;
  data: Record<string, unknown>;
  apply: Parameters<typeof changeRequest>[2];
  notices?: Array<{ type: NoticeType; recipients: string[]; params: Record<string, string> }>;
}

/** Who owns a request changes (taken, offered, accepted, declined): the event, its outbox rows and the change in one transaction. */
export async function changeOwnership(c: Context<HonoEnv>, change: OwnershipChange): Promise<number> {
  const s = c.var.services;
  const { db, branch } = c.var.tenant;
  const r = change.request;
  const now = s.now();
  const eventId = newId("evt", now);
  const rows = [
    requestEventRow(branch, { eventId, type: change.type, requestId: r.id }, now),
    ...(change.notices ?? []).map((n, i) => requestNoticeRow(branch, { subjectId: eventId, part: i, requestId: r.id, ...n }, now)),
  ];
  const expected = change.expected ?? r.version;
  const result = await changeRequest(
    db,
    {
      requestId: r.id,
      expectedVersion: expected,
      now,
      event: {
        id: eventId,
        requestId: r.id,
        type: change.type,
        actorId: c.var.actor.staffId,
        actorRole: c.var.actor.role,
        publicNote: null,
        data: change.data,
        at: now,
      },
      outbox: rows,
    },
    change.apply,
  );
  throwIfStale(result, expected);
  publishAfter(c, db, rows);
  c.header("etag", etagOf(result.version));
  return result.version;
}
