import type { WorkflowRecord } from "@wuye/core";
import { type SQLWrapper, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, instant, json, timestamps, version } from "./columns.ts";

// One database per branch (the tenant): everything personal stays here.

export const residents = sqliteTable(
  "residents",
  {
    id: id(),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    email: text("email"),
    unitId: text("unit_id"),
    locale: text("locale").notNull().default("zh-CN"),
    /** Channels the resident chose for notices (the inbox always receives them). */
    channels: json<string[]>("channels").notNull().default(["inbox"]),
    verifiedAt: instant("verified_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("residents_phone_uq").on(t.phone)],
);

export const requests = sqliteTable(
  "requests",
  {
    id: id(),
    trackingCode: text("tracking_code").notNull().unique(),
    kind: text("kind").notNull(),
    category: text("category"),
    urgency: text("urgency").notNull(),
    urgencyReason: text("urgency_reason"),
    status: text("status").notNull(),
    channel: text("channel").notNull(),
    description: text("description").notNull(),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    contactEmail: text("contact_email"),
    residentId: text("resident_id"),
    unitId: text("unit_id"),
    /** The unit as written when the request came in ("阳光花园一期 1栋502"): the register shows and searches it. */
    unitLabel: text("unit_label"),
    communityId: text("community_id"),
    area: text("area"),
    /** The building or public area of the QR poster the request came from (control database id). */
    placeId: text("place_id"),
    appointmentFrom: instant("appointment_from"),
    appointmentTo: instant("appointment_to"),
    keyLeft: integer("key_left", { mode: "boolean" }),
    locale: text("locale").notNull().default("zh-CN"),
    ownerId: text("owner_id"),
    /** The owner holds it only because they were on duty when it came in (portal): the first to take it owns it. */
    ownerByDuty: integer("owner_by_duty", { mode: "boolean" }).notNull().default(false),
    /** The technician the work order is with (repairs). */
    assigneeId: text("assignee_id"),
    createdBy: text("created_by"),
    closedAt: instant("closed_at"),
    /** The resident's rating, 1–5, given once (satisfaction survey of DOMAIN.md "Feedback"). */
    satisfaction: integer("satisfaction"),
    ratingComment: text("rating_comment"),
    ratedAt: instant("rated_at"),
    /** Times an unsatisfied follow-up reopened it (feeds the reopen rate). */
    reopenCount: integer("reopen_count").notNull().default(0),
    ...timestamps,
    version: version(),
  },
  (t) => [
    index("requests_created_idx").on(t.createdAt, t.id),
    index("requests_owner_idx").on(t.ownerId, t.status),
    index("requests_phone_idx").on(t.contactPhone, t.createdAt),
    index("requests_kind_idx").on(t.kind, t.createdAt),
    index("requests_assignee_idx").on(t.assigneeId, t.status),
    index("requests_urgency_idx").on(t.urgency, t.createdAt, t.id),
  ],
);

/** Append-only history of every state change; the outbox row is written in the same transaction. */
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: id(),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    type: text("type").notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    /** Shown to the resident on the tracking page; internal notes stay in `data`. */
    publicNote: text("public_note"),
    data: json<Record<string, unknown>>("data").notNull(),
    at: instant("at").notNull(),
  },
  (t) => [index("request_events_request_idx").on(t.requestId, t.at)],
);

export const milestones = sqliteTable(
  "milestones",
  {
    id: id(),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    name: text("name").notNull(),
    startAt: instant("start_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    dueAt: instant("due_at"),
    calendar: json<Record<string, unknown>>("calendar").notNull(),
    policyVersion: integer("policy_version").notNull(),
    /** Warning, breach and escalation instants computed when the clock started (moved by pauses). */
    schedule: json<Array<{ key: string; at: number }>>("schedule").notNull(),
    status: text("status").notNull(), // open | paused | met | cancelled
    metAt: instant("met_at"),
    metBy: text("met_by"),
    breachedAt: instant("breached_at"),
    breachReason: text("breach_reason"),
    sourceEventId: text("source_event_id").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("milestones_request_name_uq").on(t.requestId, t.name, t.sourceEventId),
    index("milestones_request_idx").on(t.requestId),
  ],
);

export const milestonePauses = sqliteTable(
  "milestone_pauses",
  {
    id: id(),
    milestoneId: text("milestone_id")
      .notNull()
      .references(() => milestones.id),
    from: instant("from_at").notNull(),
    to: instant("to_at"),
    reason: text("reason").notNull(),
    by: text("by"),
  },
  (t) => [index("milestone_pauses_ms_idx").on(t.milestoneId)],
);

/** Events waiting for the queue. A row leaves only when the queue accepted it (publishedAt set). */
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    topic: text("topic").notNull(), // request-events | notifications
    payload: json<Record<string, unknown>>("payload").notNull(),
    createdAt: instant("created_at").notNull(),
    publishedAt: instant("published_at"),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [index("outbox_pending_idx").on(t.publishedAt, t.createdAt)],
);

/** First answer to each Idempotency-Key, replayed for the same body. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    bodyHash: text("body_hash").notNull(),
    status: integer("status").notNull(),
    response: text("response").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Who read or changed what; written by the app only, never updated or deleted by any route. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    actorId: text("actor_id").notNull(),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    detail: json<Record<string, unknown>>("detail"),
    at: instant("at").notNull(),
  },
  (t) => [index("audit_subject_idx").on(t.subjectType, t.subjectId, t.at)],
);

/** Photos and signatures: the bytes are in object storage (R2) under `object_key`; `content_type` is the sniffed type. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: id(),
    /** Null until a request (intake) or a step takes it; unattached uploads are deleted by the sweep after 24 h. */
    requestId: text("request_id"),
    objectKey: text("object_key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** photo | signature */
    purpose: text("purpose").notNull().default("photo"),
    /** The workflow step that attached it (arrive, complete-work, confirm-completion); null for intake. */
    step: text("step"),
    /** The staff member who uploaded it; null for the resident. */
    uploadedBy: text("uploaded_by"),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("attachments_request_idx").on(t.requestId, t.createdAt)],
);

/** Abuse limits on the public API: counters per key (phone, IP) and window. */
export const rateCounters = sqliteTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    window: integer("window").notNull(),
    count: integer("count").notNull().default(0),
    lastText: text("last_text"),
    lastAt: instant("last_at"),
    /** The branch's daily limit when the counter last moved: the guard trigger (migration 0005) refuses a count above it. */
    cap: integer("cap"),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] })],
);

/** In-app inbox of residents and staff (one row per delivered notification and recipient). */
export const inbox = sqliteTable(
  "inbox",
  {
    id: id(),
    notificationId: text("notification_id").notNull(),
    recipientType: text("recipient_type").notNull(), // resident | staff
    recipientId: text("recipient_id").notNull(),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    requestId: text("request_id"),
    /** What the item is about when it is not a request: notice | handover | survey | delivery (with its id). */
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    createdAt: instant("created_at").notNull(),
    readAt: instant("read_at"),
  },
  (t) => [
    uniqueIndex("inbox_notification_recipient_uq").on(t.notificationId, t.recipientType, t.recipientId),
    index("inbox_recipient_idx").on(t.recipientType, t.recipientId, t.createdAt),
  ],
);

/** One-time codes for residents verifying a phone or email; only the hash is kept. */
export const oneTimeCodes = sqliteTable(
  "one_time_codes",
  {
    id: id(),
    contact: text("contact").notNull(),
    codeHash: text("code_hash").notNull(),
    purpose: text("purpose").notNull(), // verify | change-contact
    expiresAt: instant("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    usedAt: instant("used_at"),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("one_time_codes_contact_idx").on(t.contact, t.createdAt)],
);

/** Messages handed to a channel (SMS, email, webhook, or the dev sink), one row per attempt outcome. */
/** The request a delivery is about, from the notification in its payload: indexed, and read by that expression. */
export const requestOfDelivery = (payload: SQLWrapper) => sql`json_extract(${payload}, '$.requestId')`;

export const deliveries = sqliteTable(
  "deliveries",
  {
    id: id(),
    notificationId: text("notification_id").notNull(),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    status: text("status").notNull(), // sent | failed | dead
    error: text("error"),
    /** The notification as queued, so that a failed delivery can be retried from the console. */
    payload: json<Record<string, unknown>>("payload"),
    attempts: integer("attempts").notNull().default(1),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_notification_channel_uq").on(t.notificationId, t.channel, t.recipient),
    // A request's messages, for its page.
    index("deliveries_request_idx").on(requestOfDelivery(t.payload)),
  ],
);

// ── Front desk and information for residents (DOMAIN.md "Front desk", "Information for residents") ──

/** 物业服务信息告知: drafted, approved, published (or an emergency published at once, approved after). */
export const notices = sqliteTable(
  "notices",
  {
    id: id(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    category: text("category").notNull(),
    /** null = the whole branch; else communities and buildings. */
    audience: json<{ communityIds?: string[]; buildingIds?: string[] }>("audience"),
    status: text("status").notNull(), // draft | pending | returned | published | emergencyPending | expired
    publishAt: instant("publish_at"),
    expiresAt: instant("expires_at"),
    emergency: integer("emergency", { mode: "boolean" }).notNull().default(false),
    draftedBy: text("drafted_by").notNull(),
    approvedBy: text("approved_by"),
    approvedAt: instant("approved_at"),
    returnComment: text("return_comment"),
    /** When the residents' inboxes received it (once). */
    pushedAt: instant("pushed_at"),
    /** Every action on record: who, when, what. */
    history: json<Array<{ action: string; by: string; role: string; at: number; comment?: string }>>("history").notNull(),
    ...timestamps,
    version: version(),
  },
  (t) => [index("notices_status_idx").on(t.status, t.publishAt)],
);

/** 访客单: the ID number is stored masked (last 4 only); the host's phone is never on the slip. */
export const visitors = sqliteTable(
  "visitors",
  {
    id: id(),
    name: text("name").notNull(),
    idType: text("id_type").notNull(),
    idMasked: text("id_masked").notNull(),
    hostUnitId: text("host_unit_id").notNull(),
    hostContacted: integer("host_contacted", { mode: "boolean" }).notNull(),
    contactedBy: text("contacted_by"),
    purpose: text("purpose"),
    inAt: instant("in_at").notNull(),
    outAt: instant("out_at"),
    registeredBy: text("registered_by").notNull(),
    registeredRole: text("registered_role").notNull(),
    night: integer("night", { mode: "boolean" }).notNull(),
    ...timestamps,
    version: version(),
  },
  (t) => [index("visitors_in_idx").on(t.inAt)],
);

/** 交接班记录: written by the outgoing shift, signed by the incoming one. */
export const handovers = sqliteTable(
  "handovers",
  {
    id: id(),
    shift: text("shift").notNull(),
    notes: text("notes"),
    writtenBy: text("written_by").notNull(),
    signedBy: text("signed_by"),
    signedAt: instant("signed_at"),
    signNote: text("sign_note"),
    flaggedAt: instant("flagged_at"),
    ...timestamps,
    version: version(),
  },
  (t) => [index("handovers_created_idx").on(t.createdAt)],
);

export const handoverItems = sqliteTable(
  "handover_items",
  {
    id: id(),
    handoverId: text("handover_id")
      .notNull()
      .references(() => handovers.id),
    source: text("source").notNull(), // request | milestone | note
    refId: text("ref_id"),
    text: text("text").notNull(),
    signedAt: instant("signed_at"),
    signedBy: text("signed_by"),
  },
  (t) => [index("handover_items_handover_idx").on(t.handoverId)],
);

/** 岗位记事本: anything abnormal, and how it was handled. Append-only. */
export const dutyLog = sqliteTable(
  "duty_log",
  {
    id: id(),
    kind: text("kind").notNull(),
    what: text("what").notNull(),
    handled: text("handled").notNull(),
    at: instant("at").notNull(),
    by: text("by").notNull(),
    byRole: text("by_role").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("duty_log_at_idx").on(t.at)],
);

/** 满意度调查. */
export const surveys = sqliteTable("surveys", {
  id: id(),
  title: text("title").notNull(),
  scale: integer("scale").notNull(),
  questions: json<Array<{ id: string; text: string; type: "scale" | "text" }>>("questions").notNull(),
  status: text("status").notNull(), // draft | sent | closed
  target: json<Record<string, unknown>>("target"),
  sentAt: instant("sent_at"),
  recipients: integer("recipients").notNull().default(0),
  createdBy: text("created_by").notNull(),
  ...timestamps,
  version: version(),
});

export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    id: id(),
    surveyId: text("survey_id")
      .notNull()
      .references(() => surveys.id),
    residentId: text("resident_id").notNull(),
    answers: json<Array<{ questionId: string; score?: number; text?: string }>>("answers").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [uniqueIndex("survey_answers_resident_uq").on(t.surveyId, t.residentId)],
);

/** 恳谈会: minutes, and every point raised tracked to a reply. */
export const forumMeetings = sqliteTable("forum_meetings", {
  id: id(),
  heldAt: instant("held_at").notNull(),
  communityId: text("community_id"),
  attendees: integer("attendees").notNull(),
  minutes: text("minutes").notNull(),
  recordedBy: text("recorded_by").notNull(),
  /** When the minutes and replies were published to residents (portal); null while kept internal. */
  publishedAt: instant("published_at"),
  ...timestamps,
});

export const forumPoints = sqliteTable(
  "forum_points",
  {
    id: id(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => forumMeetings.id),
    text: text("text").notNull(),
    raisedBy: text("raised_by"),
    reply: text("reply"),
    repliedBy: text("replied_by"),
    repliedAt: instant("replied_at"),
  },
  (t) => [index("forum_points_meeting_idx").on(t.meetingId)],
);

/** A change of a resident's contact details, applied only after identity verification. */
export const contactChangeRequests = sqliteTable(
  "contact_change_requests",
  {
    id: id(),
    residentId: text("resident_id").notNull(),
    method: text("method").notNull(), // otp | id-check
    newPhone: text("new_phone"),
    newEmail: text("new_email"),
    oldPhone: text("old_phone").notNull(),
    codeId: text("code_id"),
    idType: text("id_type"),
    idLast4: text("id_last4"),
    reason: text("reason"),
    status: text("status").notNull(), // pending | applied | expired
    requestedBy: text("requested_by").notNull(),
    appliedAt: instant("applied_at"),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("contact_change_resident_idx").on(t.residentId, t.createdAt)],
);

// ── Workflows (DOMAIN.md "Repairs", "Complaints", "Inquiries", "Feedback and improvement") ──

/**
 * The workflow document of a request: the work order (维修服务任务单) of a repair, the case file of a complaint,
 * the promise of an inquiry. Columns beside `data` are what queries need (warranty, dispatch board).
 */
export const requestRecords = sqliteTable(
  "request_records",
  {
    requestId: text("request_id")
      .primaryKey()
      .references(() => requests.id),
    kind: text("kind").notNull(),
    data: json<WorkflowRecord>("data").notNull(),
    itemCode: text("item_code"),
    unitId: text("unit_id"),
    completedAt: instant("completed_at"),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [index("request_records_warranty_idx").on(t.unitId, t.itemCode, t.completedAt)],
);

/** 首问负责制: ownership moves only when the receiver accepts. */
export const ownershipTransfers = sqliteTable(
  "ownership_transfers",
  {
    id: id(),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    fromId: text("from_id").notNull(),
    toId: text("to_id").notNull(),
    note: text("note"),
    status: text("status").notNull(), // pending | accepted | declined
    createdAt: instant("created_at").notNull(),
    decidedAt: instant("decided_at"),
    reason: text("reason"),
  },
  (t) => [index("ownership_transfers_to_idx").on(t.toId, t.status), index("ownership_transfers_request_idx").on(t.requestId, t.status)],
);

/** 案例库: problem, photos, lesson, responsible department — fed by complaints and follow-ups (PDCA). */
export const caseLibrary = sqliteTable(
  "case_library",
  {
    id: id(),
    requestId: text("request_id"),
    source: text("source").notNull(), // complaint | follow-up | manual
    kind: text("kind"),
    problem: text("problem").notNull(),
    lesson: text("lesson").notNull(),
    department: text("department").notNull(),
    photos: json<string[]>("photos").notNull().default([]),
    createdBy: text("created_by").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("case_library_created_idx").on(t.createdAt)],
);
