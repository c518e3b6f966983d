import { and, eq, isNull, sql } from "drizzle-orm";
import type { ControlDb } from "../client/index.ts";
import { loginAttempts, refreshTokens, staff } from "../schema/control.ts";

export type StaffRow = typeof staff.$inferSelect;

export async function findStaffByEmail(db: ControlDb, email: string): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function findStaffByPhone(db: ControlDb, phone: string): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.phone, phone)).limit(1);
  return row ?? null;
}

/** A login name as core's LoginNameSchema reads it: an email or a phone. */
export async function findStaffByLogin(db: ControlDb, login: { email: string } | { phone: string }): Promise<StaffRow | null> {
  return "email" in login ? findStaffByEmail(db, login.email) : findStaffByPhone(db, login.phone);
}

export async function findStaffById(db: ControlDb, id: string): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id)).limit(1);
  return row ?? null;
}

export async function lockedUntil(db: ControlDb, keys: string[], now: number): Promise<number | null> {
  let until: number | null = null;
  for (const key of keys) {
    const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key)).limit(1);
    if (row?.lockedUntil && row.lockedUntil > now) until = Math.max(until ?? 0, row.lockedUntil);
  }
  return until;
}

/** Counts a failure in a window; locks the key once `max` failures are reached. */
export async function recordLoginFailure(
  db: ControlDb,
  key: string,
  now: number,
  opts: { max: number; windowMs: number; lockMs: number },
): Promise<void> {
  await db
    .insert(loginAttempts)
    .values({ key, failures: 1, firstFailureAt: now, lockedUntil: opts.max <= 1 ? now + opts.lockMs : null })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`CASE WHEN ${loginAttempts.firstFailureAt} < ${now - opts.windowMs} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
        firstFailureAt: sql`CASE WHEN ${loginAttempts.firstFailureAt} < ${now - opts.windowMs} THEN ${now} ELSE ${loginAttempts.firstFailureAt} END`,
        lockedUntil: sql`CASE WHEN ${loginAttempts.firstFailureAt} >= ${now - opts.windowMs} AND ${loginAttempts.failures} + 1 >= ${opts.max} THEN ${now + opts.lockMs} ELSE ${loginAttempts.lockedUntil} END`,
      },
    });
}

export async function clearLoginFailures(db: ControlDb, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(db: ControlDb, row: typeof refreshTokens.$inferInsert): Promise<void> {
  await db.insert(refreshTokens).values(row);
}

export async function findRefreshToken(db: ControlDb, tokenHash: string): Promise<RefreshTokenRow | null> {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

/** Marks a token rotated; false when someone else rotated it first (a reuse). */
export async function markRotated(db: ControlDb, id: string, now: number): Promise<boolean> {
  const res = await db
    .update(refreshTokens)
    .set({ rotatedAt: now })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)));
  return res.rowsAffected === 1;
}

export async function revokeFamily(db: ControlDb, familyId: string, now: number): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** A branch's active staff by name and role (to pick a colleague for a hand-over); no contact details. */
export async function colleaguesOf(db: ControlDb, branchId: string) {
  return db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(and(eq(staff.branchId, branchId), eq(staff.active, true)))
    .orderBy(staff.role, staff.name);
}
