import { z } from "@hono/zod-openapi";
import { type Actor, REPORTING_TIME_ZONE } from "@wuye/core";
import type { BranchRow, Scope } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import type { Services } from "../services.ts";
import { type CsvSpec, csvDownload } from "../http/csv.ts";

export const Period = z.strictObject({
  from: z.iso
    .date()
    .optional()
    .openapi({ description: `first day (${REPORTING_TIME_ZONE}), default 30 days ago` }),
  to: z.iso.date().optional().openapi({ description: "last day, inclusive; default today" }),
  format: z.enum(["json", "csv"]).default("json"),
});

/** A head-office answer: JSON, or the same table as CSV (`?format=csv`). */
export const jsonOrCsv = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema }, "text/csv": { schema: z.string() } });

/** The branches a head-office user sees: their organization's, or their region's only. */
export async function branchesInScope(s: Services, actor: Actor): Promise<BranchRow[]> {
  const { orgId, regionId } = actor;
  return (await s.branches()).filter((b) => b.orgId === orgId && (!regionId || b.regionId === regionId));
}

export function scopeOf(actor: Actor, branchId?: string): Scope {
  return { orgId: actor.orgId, regionId: actor.regionId, branchId };
}

/** The zone of a row's instants: its branch's (rows name their branch by slug), else the group's reporting zone. */
export function zoneBySlug(branches: readonly BranchRow[]): (row: { branch?: unknown }) => string {
  const zones = new Map(branches.map((b) => [b.slug, b.timeZone]));
  return (row) => zones.get(String(row.branch)) ?? REPORTING_TIME_ZONE;
}

/** A table as JSON or as a CSV download (headers in the reader's language, instants in the branch's zone). */
export function table<R>(c: Context<HonoEnv>, format: "json" | "csv", name: string, rows: readonly R[], body: unknown, csv: CsvSpec<R>) {
  if (format === "csv") return csvDownload(c, name, rows, csv);
  return c.json(body as never, 200);
}

/** The per-milestone compliance table's columns (overview and drill-down). */
export const COMPLIANCE_COLUMNS = [
  "milestone",
  "metOnTime",
  "metLate",
  "overdueOpen",
  "overdueClosed",
  "openInTime",
  "compliance",
] as const;
