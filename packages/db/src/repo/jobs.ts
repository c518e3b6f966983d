import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { requests } from "../schema/branch.ts";

const TERMINAL = ["closed", "cancelled", "archived"];

/**
 * A technician's jobs (我的工单): assigned to them and open, the soonest appointment first (none last), then
 * urgent before normal, then the oldest.
 */
export async function jobsOf(db: BranchDb, technicianId: string, limit = 100) {
  return db
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      category: requests.category,
      urgency: requests.urgency,
      status: requests.status,
      description: requests.description,
      unitId: requests.unitId,
      communityId: requests.communityId,
      area: requests.area,
      appointmentFrom: requests.appointmentFrom,
      appointmentTo: requests.appointmentTo,
      keyLeft: requests.keyLeft,
      contactName: requests.contactName,
      contactPhone: requests.contactPhone,
      createdAt: requests.createdAt,
      version: requests.version,
    })
    .from(requests)
    .where(and(eq(requests.assigneeId, technicianId), eq(requests.kind, "repair"), notInArray(requests.status, TERMINAL)))
    .orderBy(
      sql`${requests.appointmentFrom} is null`,
      asc(requests.appointmentFrom),
      sql`case ${requests.urgency} when 'urgent' then 0 else 1 end`,
      asc(requests.createdAt),
    )
    .limit(limit);
}
