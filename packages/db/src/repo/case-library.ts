import { and, desc, eq, lt } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { caseLibrary } from "../schema/branch.ts";

// The case library (案例库): lessons from complaints and unhappy follow-ups.

export async function listCases(db: BranchDb, f: { before?: number | undefined; department?: string | undefined; limit: number }) {
  return db
    .select()
    .from(caseLibrary)
    .where(
      and(f.before ? lt(caseLibrary.createdAt, f.before) : undefined, f.department ? eq(caseLibrary.department, f.department) : undefined),
    )
    .orderBy(desc(caseLibrary.createdAt))
    .limit(f.limit);
}

export async function insertCase(db: BranchDb, row: typeof caseLibrary.$inferInsert) {
  await db.insert(caseLibrary).values(row);
}
