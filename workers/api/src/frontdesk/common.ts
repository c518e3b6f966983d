import { z } from "@hono/zod-openapi";
import { BadInput, newId, type NoticeAudience, StaleVersion } from "@wuye/core";
import { type BranchRow, unitPlaces } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { errorResponses, problemContent } from "../http/openapi.ts";
import { eventRow } from "../outbox.ts";
import type { Services } from "../services.ts";

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const IdParam = z.object({ id: z.string().min(3).max(64) });
export const IfMatchHeader = z.object({ "if-match": z.string().optional() });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
export const stateResponses = {
  ...errorResponses,
  409: { description: "Not allowed in the current state", content: problemContent },
  412: { description: "Stale version (If-Match)", content: problemContent },
} as const;

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

export function throwIfStale(
  result: { ok: true; version: number } | { ok: false; currentVersion: number },
  expected: number | null,
): asserts result is { ok: true; version: number } {
  if (!result.ok) throw new StaleVersion(expected ?? result.currentVersion - 1, result.currentVersion);
}

/** Audience ids must be the branch's own communities and buildings. */
export async function checkAudience(s: Services, branch: BranchRow, audience: NoticeAudience | undefined): Promise<void> {
  if (!audience) return;
  const places = await unitPlaces(s.control, branch.id);
  const cs = new Set(places.map((p) => p.communityId));
  const bs = new Set(places.map((p) => p.buildingId));
  const errors = [
    ...(audience.communityIds ?? []).flatMap((id, i) =>
      cs.has(id) ? [] : [{ path: `audience.communityIds.${i}`, message: "not a community of this branch" }],
    ),
    ...(audience.buildingIds ?? []).flatMap((id, i) =>
      bs.has(id) ? [] : [{ path: `audience.buildingIds.${i}`, message: "not a building of this branch" }],
    ),
  ];
  if (errors.length) throw new BadInput("unknown audience", errors);
}

/**
 * The outbox row telling the deadlines consumer a survey changed (sent, answered, closed): it rebuilds the
 * survey's PII-free totals for head office. Written in the same transaction as the change.
 */
export function surveyChanged(branch: BranchRow, surveyId: string, now: number) {
  return eventRow(branch, newId("evt", now), "survey.changed", { surveyId }, now);
}
