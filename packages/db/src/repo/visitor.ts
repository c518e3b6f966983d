import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { visitors } from "../schema/branch.ts";

// Visitors at the front desk (访客登记).

export type VisitorRow = typeof visitors.$inferSelect;

/** A visitor registered; returns the row as written. */
export async function insertVisitor(db: BranchDb, row: typeof visitors.$inferInsert): Promise<VisitorRow> {
  const [written] = await db.insert(visitors).values(row).returning();
  return written!;
}

export async function findVisitor(db: BranchDb, id: string): Promise<VisitorRow | null> {
  const [row] = await db.select().from(visitors).where(eq(visitors.id, id)).limit(1);
  return row ?? null;
}

export async function listVisitors(db: BranchDb, f: { from?: number | undefined; onSite?: boolean | undefined; limit: number }) {
  const where = [];
  if (f.from !== undefined) where.push(gte(visitors.inAt, f.from));
  if (f.onSite) where.push(isNull(visitors.outAt));
  return db
    .select()
    .from(visitors)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(visitors.inAt), desc(visitors.id))
    .limit(f.limit);
}

/** Records the time out once; the row as written, or null when already out. */
export async function checkOutVisitor(db: BranchDb, id: string, outAt: number): Promise<VisitorRow | null> {
  const [row] = await db
    .update(visitors)
    .set({ outAt, updatedAt: outAt, version: sql`${visitors.version} + 1` })
    .where(and(eq(visitors.id, id), isNull(visitors.outAt)))
    .returning();
  return row ?? null;
}
