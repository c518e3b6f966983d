import { z } from "zod";
import { sha256Hex, timingSafeEqual } from "../auth/password.ts";

// One-time codes (验证码) a resident receives by SMS: to verify a phone in the portal, and on the old phone when
// the front desk changes a resident's contact. The rules are the same for both.

/** How long a code may be used. */
export const ONE_TIME_CODE_TTL_MS = 10 * 60_000;
/** Codes one phone may ask for per day. */
export const MAX_CODES_PER_DAY = 5;
/** The wait before asking for another code. */
export const CODE_RESEND_AFTER_MS = 60_000;
/** Wrong tries before a code is spent. */
export const MAX_CODE_ATTEMPTS = 5;

/** What a resident types: six digits. */
export const OneTimeCodeSchema = z.string().regex(/^\d{6}$/, "six digits");

/** A fresh six-digit code (leading zeros kept). */
export function newOneTimeCode(random: () => number = () => crypto.getRandomValues(new Uint32Array(1))[0]!): string {
  return String(random() % 1_000_000).padStart(6, "0");
}

/** What is stored of a code: its hash, salted with the code's id. */
export const oneTimeCodeHash = (codeId: string, code: string): Promise<string> => sha256Hex(`${codeId}:${code}`);

/** The typed code matches the stored hash (compared in constant time). */
export async function oneTimeCodeMatches(stored: { id: string; codeHash: string }, typed: string): Promise<boolean> {
  const enc = new TextEncoder();
  return timingSafeEqual(enc.encode(await oneTimeCodeHash(stored.id, typed)), enc.encode(stored.codeHash));
}

/** A stored code may still be tried: unused, not expired, tries left. */
export function oneTimeCodeUsable(code: { usedAt: number | null; expiresAt: number; attempts: number }, now: number): boolean {
  return code.usedAt === null && code.expiresAt >= now && code.attempts < MAX_CODE_ATTEMPTS;
}

export type CodeRequestRefusal = { reason: "daily-limit" | "resend-too-soon"; retryAfterSeconds: number };

/** The day before `now`: the codes counted against the daily limit were sent after this. */
export const codeDayStart = (now: number): number => now - 86_400_000;

/**
 * Why a phone may not get another code now, from the codes it got in the last day (newest first); null when it may.
 */
export function codeRequestRefusal(recent: ReadonlyArray<{ createdAt: number }>, now: number): CodeRequestRefusal | null {
  if (recent.length >= MAX_CODES_PER_DAY) return { reason: "daily-limit", retryAfterSeconds: 3600 };
  const last = recent[0];
  if (last && now - last.createdAt < CODE_RESEND_AFTER_MS)
    return { reason: "resend-too-soon", retryAfterSeconds: Math.ceil((CODE_RESEND_AFTER_MS - (now - last.createdAt)) / 1000) };
  return null;
}
