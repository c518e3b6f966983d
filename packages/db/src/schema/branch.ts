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
    communityId: text("community_id"),
    area: text("area"),
    appointmentFrom: instant("appointment_from"),
    appointmentTo: instant("appointment_to"),
    keyLeft: integer("key_left", { mode: "boolean" }),
    locale: text("locale").notNull().default("zh-CN"),
    ownerId: text("owner_id"),
    createdBy: text("created_by"),
    closedAt: instant("closed_at"),
    /** The resident's rating, 1–5, given once (satisfaction survey of DOMAIN.md "Feedback"). */
    satisfaction: integer("satisfaction"),
    ratingComment: text("rating_comment"),
    ratedAt: instant("rated_at"),
    ...timestamps,
    version: version(),
  },
  (t) => [
    index("requests_created_idx").on(t.createdAt, t.id),
    index("requests_owner_idx").on(t.ownerId, t.status),
    index("requests_phone_idx").on(t.contactPhone, t.createdAt),
    index("requests_kind_idx").on(t.kind, t.createdAt),
  ],
);

/** Append-only history of every state change; the outbox row is written in the same transaction. */
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: id(),
    requestId: text("request_id").notNull().references(() => requests.id),
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
    requestId: text("request_id").notNull().references(() => requests.id),
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
    milestoneId: text("milestone_id").notNull().references(() => milestones.id),
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

export const attachments = sqliteTable("attachments", {
  id: id(),
  requestId: text("request_id"),
  objectKey: text("object_key").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  createdAt: instant("created_at").notNull(),
});

/** Abuse limits on the public API: counters per key (phone, IP) and window. */
export const rateCounters = sqliteTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    window: integer("window").notNull(),
    count: integer("count").notNull().default(0),
    lastText: text("last_text"),
    lastAt: instant("last_at"),
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
  (t) => [uniqueIndex("deliveries_notification_channel_uq").on(t.notificationId, t.channel, t.recipient)],
);
