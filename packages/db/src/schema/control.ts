import type { BranchStatus } from "@wuye/core";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, instant, json, timestamps, version } from "./columns.ts";

export const organizations = sqliteTable("organizations", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  ...timestamps,
});

export const regions = sqliteTable("regions", {
  id: id(),
  orgId: text("org_id")
    .notNull()
    .references(() => organizations.id),
  name: text("name").notNull(),
  ...timestamps,
});

export const branches = sqliteTable(
  "branches",
  {
    id: id(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id),
    regionId: text("region_id").references(() => regions.id),
    slug: text("slug").notNull().unique(),
    /** Public prefix of the branch's tracking codes, e.g. YGHY. */
    trackingPrefix: text("tracking_prefix").notNull().unique(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
    servicePhone: text("service_phone").notNull(),
    complaintPhone: text("complaint_phone").notNull(),
    /** Where the tenant's database lives: a libSQL URL (local server path or Turso). */
    dbUrl: text("db_url").notNull(),
    unitCount: integer("unit_count").notNull().default(0),
    /** active | suspended (core's BranchStatus): a suspended branch is read-only. */
    status: text("status").$type<BranchStatus>().notNull().default("active"),
    suspendedAt: instant("suspended_at"),
    ...timestamps,
  },
  (t) => [index("branches_org_idx").on(t.orgId, t.regionId)],
);

export const communities = sqliteTable("communities", {
  id: id(),
  branchId: text("branch_id")
    .notNull()
    .references(() => branches.id),
  name: text("name").notNull(),
  ...timestamps,
  version: version(),
});

/** Where a place stands (a public area, a unit): its branch and community, kept on the row so lists need no join. */
const inCommunity = () => ({
  branchId: text("branch_id")
    .notNull()
    .references(() => branches.id),
  communityId: text("community_id")
    .notNull()
    .references(() => communities.id),
});

export const buildings = sqliteTable(
  "buildings",
  {
    id: id(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    ...timestamps,
    version: version(),
  },
  (t) => [index("buildings_community_idx").on(t.communityId, t.name)],
);

/** 公共区域: lobby, garage, elevator n…; a QR poster can name one, so a request records where it was made. */
export const publicAreas = sqliteTable(
  "public_areas",
  {
    id: id(),
    ...inCommunity(),
    buildingId: text("building_id").references(() => buildings.id),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    ...timestamps,
    version: version(),
  },
  (t) => [index("public_areas_branch_idx").on(t.branchId, t.communityId)],
);

export const units = sqliteTable(
  "units",
  {
    id: id(),
    buildingId: text("building_id")
      .notNull()
      .references(() => buildings.id),
    ...inCommunity(),
    number: text("number").notNull(),
    /** 单元: the stairway entrance, as written on the building. */
    entrance: text("entrance"),
    /** 面积 in square metres. */
    area: real("area"),
    ...timestamps,
    version: version(),
  },
  (t) => [uniqueIndex("units_building_number_uq").on(t.buildingId, t.number), index("units_branch_idx").on(t.branchId)],
);

export const staff = sqliteTable(
  "staff",
  {
    id: id(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id),
    branchId: text("branch_id").references(() => branches.id),
    regionId: text("region_id").references(() => regions.id),
    /** A login name: an email, a phone, or both (Chinese staff log in by phone). */
    email: text("email").unique(),
    name: text("name").notNull(),
    phone: text("phone").unique(),
    role: text("role").notNull(),
    skills: json<string[]>("skills").notNull().default([]),
    /** Communities a technician serves (dispatch prefers them). */
    communities: json<string[]>("communities").notNull().default([]),
    locale: text("locale").notNull().default("zh-CN"),
    /** Channels per notice type, e.g. {"milestone.breach": ["inbox","sms"]}; missing types get the inbox. */
    notifyPrefs: json<Record<string, string[]>>("notify_prefs").notNull().default({}),
    /** Null until an invite is accepted. */
    passwordHash: text("password_hash"),
    /** Set by an invite or a manager's reset: the first login asks for a new password before anything else. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    /** When a one-time link sent to the member's phone or email was used: "forgot password" goes only there. */
    verifiedAt: instant("verified_at"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Raised by logout, deactivation and a reused refresh token: access tokens of an older version answer 401. */
    sessionVersion: integer("session_version").notNull().default(1),
    ...timestamps,
    version: version(),
  },
  (t) => [index("staff_branch_role_idx").on(t.branchId, t.role)],
);

/** Rotating refresh tokens; a family is one login. Reusing a rotated token revokes the family. */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    id: id(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    familyId: text("family_id").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: instant("expires_at").notNull(),
    rotatedAt: instant("rotated_at"),
    revokedAt: instant("revoked_at"),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("refresh_tokens_family_idx").on(t.familyId)],
);

/** One-time links and codes: invite (sets the first password), reset (by the manager), forgot (a code). */
export const staffTokens = sqliteTable(
  "staff_tokens",
  {
    id: id(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("staff_tokens_staff_idx").on(t.staffId, t.purpose)],
);

/** Failed logins per key (email, IP) in a sliding window: the brute-force limiter. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  firstFailureAt: instant("first_failure_at").notNull(),
  lockedUntil: instant("locked_until"),
});

/** A branch's editable settings; every change is a new version kept in branch_settings_history. */
export const branchSettings = sqliteTable("branch_settings", {
  branchId: text("branch_id")
    .primaryKey()
    .references(() => branches.id),
  settings: json<Record<string, unknown>>("settings").notNull(),
  version: version(),
  updatedAt: instant("updated_at").notNull(),
  updatedBy: text("updated_by"),
});

export const branchSettingsHistory = sqliteTable(
  "branch_settings_history",
  {
    branchId: text("branch_id")
      .notNull()
      .references(() => branches.id),
    version: integer("version").notNull(),
    settings: json<Record<string, unknown>>("settings").notNull(),
    createdAt: instant("created_at").notNull(),
    createdBy: text("created_by"),
  },
  (t) => [uniqueIndex("branch_settings_history_uq").on(t.branchId, t.version)],
);
