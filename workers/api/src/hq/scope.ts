import { z } from "@hono/zod-openapi";
import { type Actor, REPORTING_TIME_ZONE } from "@wuye/core";
import type { BranchRow, Scope } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import type { Services } from "../services.ts";
import { toCsv } from "./csv.ts";

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

/** A table as JSON or as a CSV download. */
export function table(c: Context<HonoEnv>, format: "json" | "csv", name: string, rows: Array<Record<string, unknown>>, body: unknown) {
  if (format === "csv") {
    return c.body(toCsv(rows), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csv"`,
    });
  }
  return c.json(body as never, 200);
}
