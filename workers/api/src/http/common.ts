import { z } from "@hono/zod-openapi";
import { type Actor, BadInput, newId, StaleVersion } from "@wuye/core";
import type { writeAudit } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { errorResponses, problemContent } from "./openapi.ts";

// What every operation uses: path params, If-Match and versions, ISO instants, the audit entry, shared responses.

/** An object's id in the path (`/…/{id}`). */
export const IdParam = z.object({ id: z.string().min(3).max(64) });
/** The version the client saw, to be checked against the stored one (see `expectedVersion`). */
export const IfMatchHeader = z.object({ "if-match": z.string().optional() });
/** The same, where a write must name the version it read (settings: 400 without it). */
export const IfMatchRequiredHeader = z.object({ "if-match": z.string() });

/**
 * The version a client saw, from If-Match (`"3"`, `W/"3"` or `3`, or a view's ETag `"3.<hash>"`); null when
 * the header is absent.
 */
export function expectedVersion(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined) return null;
  const m = /^(?:W\/)?"?(\d{1,9})(?:\.[0-9a-f]{1,64})?"?$/.exec(ifMatch.trim());
  if (!m) throw new BadInput("bad If-Match header", [{ path: "If-Match", message: 'expected the version as "N"' }]);
  return Number(m[1]);
}

export const etagOf = (version: number) => `"${version}"`;

/** 412 when the client named a version (If-Match) and the object has moved on since. */
export function checkVersion(expected: number | null, current: number): void {
  if (expected !== null && expected !== current) throw new StaleVersion(expected, current);
}

/** 412 when a versioned write found another version than it expected. */
export function throwIfStale(
  result: { ok: true; version: number } | { ok: false; currentVersion: number },
  expected: number | null,
): asserts result is { ok: true; version: number } {
  if (!result.ok) throw new StaleVersion(expected ?? result.currentVersion - 1, result.currentVersion);
}

/** An instant as ISO 8601 (UTC); null stays null. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export type AuditEntry = Parameters<typeof writeAudit>[1];

/**
 * An audit-log entry: who (a staff member, or a resident acting on their own data) did or read what. A change
 * hands it to its repository function, which writes it in the change's transaction; a read writes it with
 * `writeAudit` before the data leaves.
 */
export function auditEntry(
  who: Pick<Actor, "staffId" | "role"> | { residentId: string },
  action: string,
  subject: { type: string; id: string },
  at: number,
  detail: Record<string, unknown> = {},
): AuditEntry {
  const [actorId, actorRole] = "residentId" in who ? [who.residentId, "resident"] : [who.staffId, who.role];
  return { id: newId("aud", at), actorId, actorRole, action, subjectType: subject.type, subjectId: subject.id, detail, at };
}

/**
 * The instant a front-desk action happens. Outside production a test may pin it with `x-clock-at`
 * (ISO 8601), the same way the deadlines worker takes `x-sweep-at`; production always uses the clock.
 */
export function clockOf(c: Context<HonoEnv>): number {
  const s = c.var.services;
  const pinned = c.req.header("x-clock-at");
  if (pinned && s.vars.ENVIRONMENT !== "production") {
    const at = Date.parse(pinned);
    if (Number.isNaN(at)) throw new BadInput("bad x-clock-at", [{ path: "x-clock-at", message: "expected an ISO 8601 instant" }]);
    return at;
  }
  return s.now();
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
export const stateResponses = {
  ...errorResponses,
  409: { description: "Not allowed in the current state", content: problemContent },
  412: { description: "Stale version (If-Match)", content: problemContent },
} as const;
