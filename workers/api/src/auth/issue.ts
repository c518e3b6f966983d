import {
  ACCESS_TOKEN_SECONDS,
  newId,
  randomToken,
  REFRESH_TOKEN_SECONDS,
  type Role,
  sha256Hex,
  type TokenPair,
  Unauthenticated,
} from "@wuye/core";
import { endSessions, findRefreshToken, findStaffById, insertRefreshToken, markRotated, revokeFamily, type StaffRow } from "@wuye/db";
import type { Services } from "../services.ts";
import { forgetFamily, forgetSession } from "./session-state.ts";
import { signAccessToken } from "./token.ts";

/** A new access token and refresh token for one login (`familyId`), at the member's current session version. */
export async function issueTokens(s: Services, row: StaffRow, familyId: string): Promise<TokenPair> {
  const now = s.now();
  const branch = row.branchId ? await s.branch({ id: row.branchId }) : null;
  const locale = row.locale === "en" ? "en" : "zh-CN";
  const accessToken = await signAccessToken(
    {
      sub: row.id,
      org: row.orgId,
      role: row.role as Role,
      br: row.branchId,
      rgn: row.regionId,
      loc: locale,
      sv: row.sessionVersion,
      fam: familyId,
      ...(row.mustChangePassword ? { mcp: true } : {}),
    },
    s.vars.JWT_SECRET,
    s.vars.JWT_ISSUER,
    now,
  );
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
    staff: {
      id: row.id,
      name: row.name,
      role: row.role as Role,
      branch: branch?.slug ?? null,
      locale,
      mustChangePassword: row.mustChangePassword,
    },
  };
}

/**
 * Rotates a refresh token. Presenting an already-rotated token revokes the whole family (a stolen token): the
 * access tokens issued from it stop at once too.
 */
export async function rotateRefreshToken(s: Services, refreshToken: string): Promise<TokenPair> {
  const now = s.now();
  const row = await findRefreshToken(s.control, await sha256Hex(refreshToken));
  if (!row || row.revokedAt || row.expiresAt <= now) throw new Unauthenticated("invalid refresh token");
  if (row.rotatedAt || !(await markRotated(s.control, row.id, now))) {
    await revokeFamily(s.control, row.familyId, now);
    forgetFamily(row.familyId);
    throw new Unauthenticated("refresh token reused; the session was revoked");
  }
  const staffRow = await findStaffById(s.control, row.staffId);
  if (!staffRow?.active) throw new Unauthenticated("account disabled");
  return issueTokens(s, staffRow, row.familyId);
}

/** Every access and refresh token of the member stops now (logout, deactivation, reuse, password set). */
export async function endAllSessions(s: Services, staffId: string, change: { active?: boolean; version?: boolean } = {}) {
  await endSessions(s.control, staffId, s.now(), change);
  forgetSession(staffId);
}

/** Logout: this login ends at once, in every tab that shares it; the member's other devices stay signed in. */
export async function endLogin(s: Services, refreshToken: string): Promise<void> {
  const row = await findRefreshToken(s.control, await sha256Hex(refreshToken));
  if (!row) return;
  await revokeFamily(s.control, row.familyId, s.now());
  forgetFamily(row.familyId);
}
