import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { BranchDb, ControlDb } from "../client/index.ts";
import { auditLog } from "../schema/branch.ts";
import { staff } from "../schema/control.ts";

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** [from, to) instants. */
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
}

/** The audit log, newest first, narrowed by whichever filters are given. */
export async function searchAudit(db: BranchDb, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.subjectType) where.push(eq(auditLog.subjectType, f.subjectType));
  if (f.subjectId) where.push(eq(auditLog.subjectId, f.subjectId));
  if (f.from !== undefined) where.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) where.push(lt(auditLog.at, f.to));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(f.limit);
}

/** Staff names by id (for a log that stores ids): ids not found are left out. */
export async function staffNames(db: ControlDb, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
