import { and, desc, gte, lte } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { dutyLog } from "../schema/branch.ts";

// The duty log (值班记录).

export async function insertDutyEntry(db: BranchDb, row: typeof dutyLog.$inferInsert): Promise<void> {
  await db.insert(dutyLog).values(row);
}

export async function listDutyLog(db: BranchDb, f: { from?: number | undefined; to?: number | undefined; limit: number }) {
  const where = [];
  if (f.from !== undefined) where.push(gte(dutyLog.at, f.from));
  if (f.to !== undefined) where.push(lte(dutyLog.at, f.to));
  return db
    .select()
    .from(dutyLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(dutyLog.at), desc(dutyLog.id))
    .limit(f.limit);
}
