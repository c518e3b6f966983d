import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { instant, json } from "./columns.ts";

// PII-free facts for head office and regions, and the index the cron sweep scans.

export interface CorrectiveActionFact {
  cause: string;
  correctiveAction: string;
  preventiveAction: string;
  department: string;
}

export const requestFacts = sqliteTable(
  "request_facts",
  {
    requestId: text("request_id").primaryKey(),
    orgId: text("org_id").notNull(),
    regionId: text("region_id"),
    branchId: text("branch_id").notNull(),
    communityId: text("community_id"),
    kind: text("kind").notNull(),
    category: text("category"),
    urgency: text("urgency").notNull(),
    channel: text("channel").notNull(),
    status: text("status").notNull(),
    createdAt: instant("created_at").notNull(),
    closedAt: instant("closed_at"),
    satisfaction: integer("satisfaction"),
    reopened: integer("reopened", { mode: "boolean" }).notNull().default(false),
    repeatComplaint: integer("repeat_complaint", { mode: "boolean" }).notNull().default(false),
    /** A summarized complaint's lesson for the PDCA report (staff's words about the process, no resident's data). */
    correctiveAction: json<CorrectiveActionFact>("corrective_action"),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    index("request_facts_scope_idx").on(t.orgId, t.branchId, t.createdAt),
    index("request_facts_region_idx").on(t.orgId, t.regionId, t.createdAt),
    // Covering index for the head-office period figures (no table lookups).
    index("request_facts_org_time_idx").on(
      t.orgId,
      t.createdAt,
      t.kind,
      t.branchId,
      t.regionId,
      t.satisfaction,
      t.reopened,
      t.repeatComplaint,
    ),
  ],
);

export const milestoneFacts = sqliteTable(
  "milestone_facts",
  {
    milestoneId: text("milestone_id").primaryKey(),
    requestId: text("request_id").notNull(),
    orgId: text("org_id").notNull(),
    regionId: text("region_id"),
    branchId: text("branch_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    startAt: instant("start_at").notNull(),
    dueAt: instant("due_at"),
    status: text("status").notNull(), // open | paused | met | cancelled
    metAt: instant("met_at"),
    breachedAt: instant("breached_at"),
    pausedMs: integer("paused_ms").notNull().default(0),
    /** The reason staff recorded for a breach (for the monthly PDCA report). */
    breachReason: text("breach_reason"),
    schedule: text("schedule", { mode: "json" }).$type<Array<{ key: string; at: number }>>().notNull(),
    /** When the sweep must look at this milestone next (next warning, breach or escalation); null when done. */
    nextCheckAt: instant("next_check_at"),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    index("milestone_facts_sweep_idx").on(t.nextCheckAt),
    index("milestone_facts_scope_idx").on(t.orgId, t.branchId, t.status, t.dueAt),
    index("milestone_facts_org_time_idx").on(t.orgId, t.startAt, t.name, t.status, t.metAt, t.dueAt, t.branchId, t.regionId),
    index("milestone_facts_overdue_idx").on(t.orgId, t.status, t.dueAt, t.branchId, t.regionId, t.startAt),
    // Open clocks only, in branch order: the ranking counts overdue per branch without sorting.
    index("milestone_facts_open_branch_idx")
      .on(t.orgId, t.branchId, t.dueAt, t.regionId, t.startAt)
      .where(sql`status in ('open', 'paused')`),
    index("milestone_facts_branch_start_idx").on(t.branchId, t.startAt),
    index("milestone_facts_open_idx").on(t.orgId, t.status, t.startAt, t.name, t.dueAt, t.branchId, t.regionId),
  ],
);

/** Consumers are idempotent by event id. */
export const processedEvents = sqliteTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  processedAt: instant("processed_at").notNull(),
});

/** Each warning / breach / escalation of a milestone, sent once (primary key = milestone + notice key). */
export const milestoneNotices = sqliteTable(
  "milestone_notices",
  {
    milestoneId: text("milestone_id").notNull(),
    noticeKey: text("notice_key").notNull(),
    branchId: text("branch_id").notNull(),
    at: instant("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.noticeKey] })],
);

/**
 * Rollups per branch, reporting day (Asia/Shanghai) and kind, recomputed from the facts of that branch-day
 * whenever one of its requests changes: head-office period figures read these, not a million facts.
 */
export const requestRollups = sqliteTable(
  "request_rollups",
  {
    orgId: text("org_id").notNull(),
    regionId: text("region_id"),
    branchId: text("branch_id").notNull(),
    day: text("day").notNull(),
    kind: text("kind").notNull(),
    requests: integer("requests").notNull(),
    reopened: integer("reopened").notNull(),
    repeatComplaints: integer("repeat_complaints").notNull(),
    satisfactionSum: integer("satisfaction_sum").notNull(),
    satisfactionCount: integer("satisfaction_count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.branchId, t.day, t.kind] }),
    index("request_rollups_scope_idx").on(
      t.orgId,
      t.day,
      t.regionId,
      t.branchId,
      t.kind,
      t.requests,
      t.reopened,
      t.repeatComplaints,
      t.satisfactionSum,
      t.satisfactionCount,
    ),
  ],
);

/** Met-on-time and met-late counts per branch, day the clock started, and milestone. */
export const milestoneRollups = sqliteTable(
  "milestone_rollups",
  {
    orgId: text("org_id").notNull(),
    regionId: text("region_id"),
    branchId: text("branch_id").notNull(),
    day: text("day").notNull(),
    name: text("name").notNull(),
    metOnTime: integer("met_on_time").notNull(),
    metLate: integer("met_late").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.branchId, t.day, t.name] }),
    index("milestone_rollups_scope_idx").on(t.orgId, t.day, t.regionId, t.branchId, t.name, t.metOnTime, t.metLate),
  ],
);

/** Monthly PDCA reports per branch and for the whole organization (branchId "*"), generated by the cron sweep. */
export const reports = sqliteTable(
  "reports",
  {
    orgId: text("org_id").notNull(),
    branchId: text("branch_id").notNull(),
    regionId: text("region_id"),
    month: text("month").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month, t.branchId] })],
);

/** Results of each branch's satisfaction surveys, without who answered (feeds head office). */
export const surveyFacts = sqliteTable(
  "survey_facts",
  {
    surveyId: text("survey_id").primaryKey(),
    orgId: text("org_id").notNull(),
    regionId: text("region_id"),
    branchId: text("branch_id").notNull(),
    title: text("title").notNull(),
    scale: integer("scale").notNull(),
    sentAt: instant("sent_at"),
    closedAt: instant("closed_at"),
    recipients: integer("recipients").notNull(),
    responses: integer("responses").notNull(),
    scoreSum: integer("score_sum").notNull(),
    scoreCount: integer("score_count").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [index("survey_facts_scope_idx").on(t.orgId, t.branchId, t.sentAt)],
);
