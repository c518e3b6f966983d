import { and, desc, eq, gte, like, lte, or } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { dutyLog } from "../schema/branch.ts";
import { containsPattern } from "./resident-archive.ts";

// The duty log (值班记录).

export async function insertDutyEntry(db: BranchDb, row: typeof dutyLog.$inferInsert): Promise<void> {
  await db.insert(dutyLog).values(row);
}

/** Entries newest first, within a time range, of one kind, or containing a text in what happened or how it was handled. */
export async function listDutyLog(
  db: BranchDb,
  f: { from?: number | undefined; to?: number | undefined; kind?: string | undefined; q?: string | undefined; limit: number },
) {
  const where = [];
  if (f.from !== undefined) where.push(gte(dutyLog.at, f.from));
  if (f.to !== undefined) where.push(lte(dutyLog.at, f.to));
  if (f.kind) where.push(eq(dutyLog.kind, f.kind));
  if (f.q) where.push(or(like(dutyLog.what, containsPattern(f.q)), like(dutyLog.handled, containsPattern(f.q)))!);
  return db
    .select()
    .from(dutyLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(dutyLog.at), desc(dutyLog.id))
    .limit(f.limit);
}
