import { z } from "@hono/zod-openapi";
import { type BranchView, Forbidden, NotFound, ORG_ROLES, type Action } from "@wuye/core";
import { type BranchRow, type DatabaseHost, findOrgBranch, findRegion, hostFromVars } from "@wuye/db";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";
import { requirePermission } from "../middleware/auth.ts";

/** `/admin` is the organization administrator's, and only ever for their own organization. */
export const organizationAdmin = createMiddleware<HonoEnv>(async (c, next) => {
  if (!(ORG_ROLES as readonly string[]).includes(c.var.actor.role))
    throw new Forbidden("admin routes are for the organization administrator");
  await next();
});

export const IdParam = z.object({
  id: z
    .string()
    .min(3)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

/** The acting administrator's branch by id after the permission check; another organization's is not found. */
export async function orgBranch(c: Context<HonoEnv>, id: string, action: Action): Promise<BranchRow> {
  requirePermission(c.var.actor, action);
  const branch = await findOrgBranch(c.var.services.control, c.var.actor.orgId, id);
  if (!branch) throw new NotFound("branch");
  return branch;
}

export async function orgRegion(c: Context<HonoEnv>, id: string) {
  requirePermission(c.var.actor, "org.regions.manage");
  const region = await findRegion(c.var.services.control, c.var.actor.orgId, id);
  if (!region) throw new NotFound("region");
  return region;
}

/** Where new branch databases are created: the local libSQL server or Turso, from the worker's vars. */
export function databaseHost(c: Context<HonoEnv>): DatabaseHost {
  return hostFromVars({
    ...(c.env as unknown as Record<string, string | undefined>),
    LIBSQL_AUTH_TOKEN: c.var.services.vars.LIBSQL_AUTH_TOKEN,
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function branchView(b: BranchRow): BranchView {
  return {
    id: b.id,
    slug: b.slug,
    name: b.name,
    nameEn: b.nameEn,
    trackingPrefix: b.trackingPrefix,
    servicePhone: b.servicePhone,
    complaintPhone: b.complaintPhone,
    timeZone: b.timeZone,
    regionId: b.regionId,
    status: b.status,
    suspendedAt: iso(b.suspendedAt),
    unitCount: b.unitCount,
    createdAt: iso(b.createdAt)!,
  };
}
