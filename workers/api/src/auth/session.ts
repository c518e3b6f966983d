import {
  type AccessClaims,
  ACCESS_TOKEN_SECONDS,
  LOGIN_LOCK_SECONDS,
  LOGIN_MAX_FAILURES,
  newId,
  RateLimited,
  randomToken,
  REFRESH_TOKEN_SECONDS,
  sha256Hex,
  type TokenPair,
  Unauthenticated,
  verifyPassword,
  type Role,
} from "@wuye/core";
import {
  clearLoginFailures,
  findRefreshToken,
  findStaffByEmail,
  findStaffById,
  insertRefreshToken,
  lockedUntil,
  markRotated,
  recordLoginFailure,
  revokeFamily,
  type StaffRow,
} from "@wuye/db";
import type { Services } from "../services.ts";
import { signAccessToken } from "./token.ts";

const WINDOW_MS = 15 * 60_000;
const IP_MAX_FAILURES = 30;

async function issue(s: Services, row: StaffRow, familyId: string): Promise<TokenPair> {
  const now = s.now();
  const branch = row.branchId ? await s.branch({ id: row.branchId }) : null;
  const locale = row.locale === "en" ? "en" : "zh-CN";
  const claims: AccessClaims = { sub: row.id, org: row.orgId, role: row.role as Role, br: row.branchId, rgn: row.regionId, loc: locale };
  const accessToken = await signAccessToken(claims, s.vars.JWT_SECRET, s.vars.JWT_ISSUER, now);
  const refreshToken = randomToken(32);
  await insertRefreshToken(s.control, {
    id: newId("rt", now),
    staffId: row.id,
    familyId,
    tokenHash: await sha256Hex(refreshToken),
    expiresAt: now + REFRESH_TOKEN_SECONDS * 1000,
    createdAt: now,
  });
  return {
    accessToken,
    refreshToken,
    tokenType: "Bearer",
    expiresIn: ACCESS_TOKEN_SECONDS,
    staff: { id: row.id, name: row.name, role: row.role as Role, branch: branch?.slug ?? null, locale },
  };
}

export async function login(s: Services, input: { email: string; password: string }, ip: string): Promise<TokenPair> {
  const now = s.now();
  const email = input.email.toLowerCase();
  const keys = [`email:${email}`, `ip:${ip}`];
  const until = await lockedUntil(s.control, keys, now);
  if (until) throw new RateLimited(Math.ceil((until - now) / 1000), "too many failed logins; try again later");

  const row = await findStaffByEmail(s.control, email);
  const ok = row?.active ? await verifyPassword(input.password, row.passwordHash) : false;
  if (!row || !ok) {
    await recordLoginFailure(s.control, keys[0]!, now, { max: LOGIN_MAX_FAILURES, windowMs: WINDOW_MS, lockMs: LOGIN_LOCK_SECONDS * 1000 });
    await recordLoginFailure(s.control, keys[1]!, now, { max: IP_MAX_FAILURES, windowMs: WINDOW_MS, lockMs: LOGIN_LOCK_SECONDS * 1000 });
    throw new Unauthenticated("wrong email or password");
  }
  await clearLoginFailures(s.control, keys[0]!);
  return issue(s, row, newId("fam", now));
}

/** Rotates a refresh token. Presenting an already-rotated token revokes its whole family (stolen token). */
export async function refresh(s: Services, refreshToken: string): Promise<TokenPair> {
  const now = s.now();
  const row = await findRefreshToken(s.control, await sha256Hex(refreshToken));
  if (!row || row.revokedAt || row.expiresAt <= now) throw new Unauthenticated("invalid refresh token");
  if (row.rotatedAt || !(await markRotated(s.control, row.id, now))) {
    await revokeFamily(s.control, row.familyId, now);
    throw new Unauthenticated("refresh token reused; the session was revoked");
  }
  const staffRow = await findStaffById(s.control, row.staffId);
  if (!staffRow?.active) throw new Unauthenticated("account disabled");
  return issue(s, staffRow, row.familyId);
}

export async function logout(s: Services, refreshToken: string): Promise<void> {
  const row = await findRefreshToken(s.control, await sha256Hex(refreshToken));
  if (row) await revokeFamily(s.control, row.familyId, s.now());
}
