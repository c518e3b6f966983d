import { readAuditedSince, type WorkflowRecord } from "@wuye/core";
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { asc } from "drizzle-orm";
import { attachments, auditLog, milestones, requestEvents, requestRecords, requests } from "../schema/branch.ts";
import type { AttachmentRow } from "./attachment.ts";
import type { MilestoneRow, RequestEventRow, RequestRow } from "./request.ts";

// The reads that pages poll, each one round trip: a libSQL batch (one transaction, one HTTP request).

export interface RequestRead {
  request: RequestRow;
  events: RequestEventRow[];
  milestones: MilestoneRow[];
  /** Its photos and signature, oldest first. */
  photos: AttachmentRow[];
}

type RequestIdColumn =
  | typeof requestEvents.requestId
  | typeof milestones.requestId
  | typeof requestRecords.requestId
  | typeof attachments.requestId;

/** One request's timeline, milestones and photos, `of` naming the request (its id, or a sub-select of it). */
function timelineOf(db: BranchDb, of: (column: RequestIdColumn) => SQL) {
  return [
    db.select().from(requestEvents).where(of(requestEvents.requestId)).orderBy(requestEvents.at, requestEvents.id),
    db.select().from(milestones).where(of(milestones.requestId)).orderBy(milestones.startAt, milestones.name),
    db.select().from(attachments).where(of(attachments.requestId)).orderBy(asc(attachments.createdAt), asc(attachments.id)),
  ] as const;
}

/** The tracking page's read: the request by its code, its timeline, milestones and workflow record. */
export async function trackingRead(db: BranchDb, trackingCode: string): Promise<(RequestRead & { record: WorkflowRecord | null }) | null> {
  const idOf = (column: RequestIdColumn) =>
    inArray(column, db.select({ id: requests.id }).from(requests).where(eq(requests.trackingCode, trackingCode)));
  const [found, events, ms, photos, records] = await db.batch([
    db.select().from(requests).where(eq(requests.trackingCode, trackingCode)).limit(1),
    ...timelineOf(db, idOf),
    db.select().from(requestRecords).where(idOf(requestRecords.requestId)),
  ]);
  const request = found[0];
  return request ? { request, events, milestones: ms, photos, record: records[0]?.data ?? null } : null;
}

export interface ReadAudit {
  id: string;
  actorId: string;
  actorRole: string;
  action: string;
  at: number;
}

/**
 * The console's read of one request and its audit row: the read is one read-only batch, which also says whether
 * this staff member's read of this request is on record within core's window (`readAuditedSince`); only when it
 * is not does a second statement write the row (guarded again, so two racing reads write one). A polled page
 * so takes the branch's write lock once per window, not on every poll. `audited` says whether this read wrote it.
 */
export async function requestDetailRead(db: BranchDb, id: string, audit: ReadAudit): Promise<(RequestRead & { audited: boolean }) | null> {
  const since = readAuditedSince(audit.at);
  const recorded = db
    .select({ one: sql`1` })
    .from(auditLog)
    .where(
      sql`${auditLog.subjectType} = 'request' and ${auditLog.subjectId} = ${id} and ${auditLog.at} >= ${since} and ${auditLog.actorId} = ${audit.actorId} and ${auditLog.action} = ${audit.action}`,
    );
  const [found, events, ms, photos, already] = await db.batch([
    db.select().from(requests).where(eq(requests.id, id)).limit(1),
    ...timelineOf(db, (column) => eq(column, id)),
    recorded.limit(1),
  ]);
  const request = found[0];
  if (!request) return null;
  let audited = false;
  if (already.length === 0) {
    const written = await db.run(sql`insert into ${auditLog} (id, actor_id, actor_role, action, subject_type, subject_id, detail, at)
      select ${audit.id}, ${audit.actorId}, ${audit.actorRole}, ${audit.action}, 'request', ${id},
        json_object('residentId', ${request.residentId}), ${audit.at}
      where not exists ${recorded}`);
    audited = written.rowsAffected === 1;
  }
  return { request, events, milestones: ms, photos, audited };
}

/**
 * The milestones of each register row, as a column of the row's own statement (the register page is one
 * statement): a JSON array of `{id, name, dueAt, status, metAt, breachedAt}` by start. The request's id is
 * named with its table: drizzle writes a single table's columns unqualified, and `id` would be the milestone's.
 */
export const registerMilestones = sql<string>`(select json_group_array(json_object('id', m.id, 'name', m.name, 'dueAt', m.due_at,
  'status', m.status, 'metAt', m.met_at, 'breachedAt', m.breached_at))
  from (select * from ${milestones} m0 where m0.request_id = "requests"."id" order by m0.start_at, m0.name) m)`;

export type RegisterMilestone = Pick<MilestoneRow, "id" | "name" | "dueAt" | "status" | "metAt" | "breachedAt">;

export const parseRegisterMilestones = (column: string | null): RegisterMilestone[] => (column ? JSON.parse(column) : []);
