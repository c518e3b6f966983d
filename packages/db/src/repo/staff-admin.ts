import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { ControlDb } from "../client/index.ts";
import { refreshTokens, regions, staff, staffTokens } from "../schema/control.ts";
import type { StaffRow } from "./staff.ts";

export type NewStaffRow = typeof staff.$inferInsert;
export type StaffTokenRow = typeof staffTokens.$inferSelect;

/** The branch's staff, or the organization's users without a branch (branchId null). */
export async function listStaff(db: ControlDb, scope: { orgId: string; branchId: string | null }): Promise<StaffRow[]> {
  const where = scope.branchId
    ? and(eq(staff.orgId, scope.orgId), eq(staff.branchId, scope.branchId))
    : and(eq(staff.orgId, scope.orgId), isNull(staff.branchId));
  return db.select().from(staff).where(where).orderBy(staff.role, staff.name);
}

export async function insertStaff(db: ControlDb, row: NewStaffRow): Promise<void> {
  await db.insert(staff).values(row);
}

/** Which of these login names another member already uses. */
export async function loginNamesTaken(db: ControlDb, names: { email?: string | null; phone?: string | null }, exceptId?: string) {
  const taken: Array<"email" | "phone"> = [];
  for (const field of ["email", "phone"] as const) {
    const value = names[field];
    if (!value) continue;
    const [row] = await db.select({ id: staff.id }).from(staff).where(eq(staff[field], value)).limit(1);
    if (row && row.id !== exceptId) taken.push(field);
  }
  return taken;
}

/** A change only if the caller saw the current version; false otherwise (then read again for the 412). */
export async function updateStaffVersioned(
  db: ControlDb,
  id: string,
  expectedVersion: number,
  set: Partial<NewStaffRow> & { updatedAt: number },
): Promise<boolean> {
  const res = await db
    .update(staff)
    .set({ ...set, version: sql`${staff.version} + 1` })
    .where(and(eq(staff.id, id), eq(staff.version, expectedVersion)));
  return res.rowsAffected === 1;
}

/**
 * Ends every session of a member at once: the session version rises (access tokens of the old one answer 401)
 * and every refresh token is revoked. With `deactivate`, the member can no longer log in either.
 */
export async function endSessions(db: ControlDb, id: string, now: number, change: { active?: boolean; version?: boolean } = {}) {
  await db.batch([
    db
      .update(staff)
      .set({
        sessionVersion: sql`${staff.sessionVersion} + 1`,
        updatedAt: now,
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(change.version ? { version: sql`${staff.version} + 1` } : {}),
      })
      .where(eq(staff.id, id)),
    db
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.staffId, id), isNull(refreshTokens.revokedAt))),
  ]);
}

/** Whether a login (refresh family) was ended: logout or a reused refresh token. */
export async function familyRevoked(db: ControlDb, familyId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.familyId, familyId), sql`${refreshTokens.revokedAt} IS NOT NULL`))
    .limit(1);
  return !!row;
}

/** What each request checks against its token: cheap, one indexed row. */
export async function sessionStateOf(db: ControlDb, id: string): Promise<{ active: boolean; sessionVersion: number } | null> {
  const [row] = await db
    .select({ active: staff.active, sessionVersion: staff.sessionVersion })
    .from(staff)
    .where(eq(staff.id, id))
    .limit(1);
  return row ?? null;
}

export async function insertStaffToken(db: ControlDb, row: typeof staffTokens.$inferInsert): Promise<void> {
  await db.insert(staffTokens).values(row);
}

export async function findStaffToken(db: ControlDb, tokenHash: string): Promise<StaffTokenRow | null> {
  const [row] = await db.select().from(staffTokens).where(eq(staffTokens.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

/** The newest unused code of a purpose (forgot password), to check a typed code against. */
export async function latestStaffToken(db: ControlDb, staffId: string, purpose: string): Promise<StaffTokenRow | null> {
  const [row] = await db
    .select()
    .from(staffTokens)
    .where(and(eq(staffTokens.staffId, staffId), eq(staffTokens.purpose, purpose), isNull(staffTokens.usedAt)))
    .orderBy(sql`${staffTokens.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

export async function countStaffTokenAttempt(db: ControlDb, id: string): Promise<void> {
  await db
    .update(staffTokens)
    .set({ attempts: sql`${staffTokens.attempts} + 1` })
    .where(eq(staffTokens.id, id));
}

/** Older links of a purpose stop working when a new one is sent. */
export async function retireStaffTokens(db: ControlDb, staffId: string, purposes: string[], now: number): Promise<void> {
  await db
    .update(staffTokens)
    .set({ usedAt: now })
    .where(and(eq(staffTokens.staffId, staffId), inArray(staffTokens.purpose, purposes), isNull(staffTokens.usedAt)));
}

/**
 * Uses a one-time token (once: a concurrent second use finds it used) and sets the password; every other
 * session of the member ends, since whoever held the old password may be the reason for the reset.
 */
export async function setPasswordWithToken(
  db: ControlDb,
  tokenId: string,
  staffId: string,
  c: { passwordHash: string; now: number },
): Promise<boolean> {
  const used = await db
    .update(staffTokens)
    .set({ usedAt: c.now })
    .where(and(eq(staffTokens.id, tokenId), isNull(staffTokens.usedAt)));
  if (used.rowsAffected !== 1) return false;
  await db
    .update(staff)
    .set({ passwordHash: c.passwordHash, mustChangePassword: false, verifiedAt: c.now, updatedAt: c.now })
    .where(eq(staff.id, staffId));
  await endSessions(db, staffId, c.now);
  return true;
}

export async function setOwnPassword(db: ControlDb, staffId: string, passwordHash: string, now: number): Promise<void> {
  await db.update(staff).set({ passwordHash, mustChangePassword: false, updatedAt: now }).where(eq(staff.id, staffId));
}

/** Head-office and region users, administrators, and branch managers of an organization. */
export async function listOrgUsers(db: ControlDb, orgId: string): Promise<StaffRow[]> {
  return db
    .select()
    .from(staff)
    .where(and(eq(staff.orgId, orgId), or(isNull(staff.branchId), eq(staff.role, "branchManager"))))
    .orderBy(staff.role, staff.name);
}

export async function regionOfOrg(db: ControlDb, orgId: string, regionId: string) {
  const [row] = await db
    .select()
    .from(regions)
    .where(and(eq(regions.id, regionId), eq(regions.orgId, orgId)))
    .limit(1);
  return row ?? null;
}
