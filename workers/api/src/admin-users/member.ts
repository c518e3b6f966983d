import { NotFound } from "@wuye/core";
import { findStaffById, type StaffRow } from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { requirePermission } from "../middleware/auth.ts";

/** The organization administrator's users: head office, regions, and branch managers; another org's are not found. */
export const isOrgUser = (row: StaffRow) => !row.branchId || row.role === "branchManager";

export async function orgUser(c: Context<HonoEnv>, id: string): Promise<StaffRow> {
  requirePermission(c.var.actor, "org.manageUsers");
  const row = await findStaffById(c.var.services.control, id);
  if (!row || row.orgId !== c.var.actor.orgId || !isOrgUser(row)) throw new NotFound("user");
  return row;
}
