import { readAuditedSince, type WorkflowRecord } from "@wuye/core";
import { sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { attachments, milestones, requestEvents, requestRecords, requests } from "../schema/branch.ts";
import type { AttachmentRow } from "./attachment.ts";
import { jsonRowSql, jsonRowsSql, once, quotedColumn, quotedTable, rowFromJson, rowsFromJson } from "./json-row.ts";
import type { MilestoneRow, RequestEventRow, RequestRow } from "./request.ts";

// The reads that pages poll, each one statement (one round trip), its SQL written once per isolate.

export interface RequestRead {
  request: RequestRow;
  events: RequestEventRow[];
  milestones: MilestoneRow[];
  /** Its photos and signature, oldest first. */
  photos: AttachmentRow[];
}

/** The request `r` with its timeline, milestones and photos: one row of JSON cells (see `json-row.ts`). */
const requestWithTimeline = () => `${jsonRowSql(requests, "r")} as request,
  ${jsonRowsSql(requestEvents.requestId, "r.id", [requestEvents.at, requestEvents.id])} as events,
  ${jsonRowsSql(milestones.requestId, "r.id", [milestones.startAt, milestones.name])} as milestones,
  ${jsonRowsSql(attachments.requestId, "r.id", [attachments.createdAt, attachments.id])} as photos`;

const readOf = (row: Record<string, unknown>): RequestRead => ({
  request: rowFromJson(requests, JSON.parse(String(row.request))),
  events: rowsFromJson(requestEvents, row.events),
  milestones: rowsFromJson(milestones, row.milestones),
  photos: rowsFromJson(attachments, row.photos),
});

const trackingSql = once(
  () => `select ${requestWithTimeline()},
    (select ${quotedColumn(requestRecords.data)} from ${quotedTable(requestRecords)} where ${quotedColumn(requestRecords.requestId)} = r.id limit 1) as record
  from ${quotedTable(requests)} r where r.${quotedColumn(requests.trackingCode)} = ?`,
);

/** The tracking page's read, one statement: the request by its code, its timeline, milestones and workflow record. */
export async function trackingRead(db: BranchDb, trackingCode: string): Promise<(RequestRead & { record: WorkflowRecord | null }) | null> {
  const { rows } = await db.$client.execute({ sql: trackingSql(), args: [trackingCode] });
  const row = rows[0];
  if (!row) return null;
  return { ...readOf(row), record: row.record ? (requestRecords.data.mapFromDriverValue(row.record) as WorkflowRecord) : null };
}

/** This staff member's read of request `?` on record since `?` (args: id, since, actor, action). */
const recentReadSql = `select 1 from "audit_log" a where a."subject_type" = 'request' and a."subject_id" = ? and a."at" >= ?
  and a."actor_id" = ? and a."action" = ?`;

const detailSql = once(
  () => `select ${requestWithTimeline()}, exists(${recentReadSql}) as audited from ${quotedTable(requests)} r where r."id" = ?1`,
); // ?1: the id the audit check names first

/** The read's audit row, unless one is on record within the window (guarded again: two racing reads write one). */
const auditReadSql = `insert into "audit_log" (id, actor_id, actor_role, action, subject_type, subject_id, detail, at)
  select ?, ?, ?, ?, 'request', ?, json_object('residentId', ?), ? where not exists (${recentReadSql})`;

export interface ReadAudit {
  id: string;
  actorId: string;
  actorRole: string;
  action: string;
  at: number;
}

/**
 * The console's read of one request and its audit row: the read is one statement, which also says whether
 * this staff member's read of this request is on record within core's window (`readAuditedSince`); only when it
 * is not does a second statement write the row (guarded again, so two racing reads write one). A polled page
 * so takes the branch's write lock once per window, not on every poll. `audited` says whether this read wrote it.
 */
export async function requestDetailRead(db: BranchDb, id: string, audit: ReadAudit): Promise<(RequestRead & { audited: boolean }) | null> {
  const recent = [id, readAuditedSince(audit.at), audit.actorId, audit.action];
  const { rows } = await db.$client.execute({ sql: detailSql(), args: recent });
  const row = rows[0];
  if (!row) return null;
  const { request, events, milestones: ms, photos } = readOf(row);
  let audited = false;
  if (!row.audited) {
    const written = await db.$client.execute({
      sql: auditReadSql,
      args: [audit.id, audit.actorId, audit.actorRole, audit.action, id, request.residentId, audit.at, ...recent],
    });
    audited = written.rowsAffected === 1;
  }
  return { request, events, milestones: ms, photos, audited };
}

const REGISTER_MILESTONE_COLUMNS = ["id", "name", "dueAt", "status", "metAt", "breachedAt"] as const;

/**
 * The milestones of each register row, as a column of the row's own statement (the register page is one
 * statement), by start. The request's id is named with its table: drizzle writes a single table's columns
 * unqualified, and `id` would be the milestone's.
 */
export const registerMilestones = sql<string>`${sql.raw(
  jsonRowsSql(milestones.requestId, '"requests"."id"', [milestones.startAt, milestones.name], REGISTER_MILESTONE_COLUMNS),
)}`;

export type RegisterMilestone = Pick<MilestoneRow, (typeof REGISTER_MILESTONE_COLUMNS)[number]>;

export const parseRegisterMilestones = (cell: unknown): RegisterMilestone[] => rowsFromJson(milestones, cell, REGISTER_MILESTONE_COLUMNS);
