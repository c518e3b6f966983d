import { and, eq } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { auditLog, contactChangeRequests, oneTimeCodes, outbox, residents } from "../schema/branch.ts";
import { batchOf } from "./versioned.ts";

// A resident's contact changed at the front desk: verified by a code to the old phone, or by an ID check.

export type ContactChangeRow = typeof contactChangeRequests.$inferSelect;

/** A change request, with the code to the old contact and its notification when verification is by code. */
export async function insertContactChange(
  db: BranchDb,
  row: typeof contactChangeRequests.$inferInsert,
  otp?: { code: typeof oneTimeCodes.$inferInsert; message: typeof outbox.$inferInsert },
): Promise<ContactChangeRow> {
  const [[written]] = await batchOf(db, db.insert(contactChangeRequests).values(row).returning(), [
    otp !== undefined && db.insert(oneTimeCodes).values(otp.code),
    otp !== undefined && db.insert(outbox).values(otp.message),
  ]);
  return written as ContactChangeRow;
}

export async function findContactChange(db: BranchDb, residentId: string, id: string): Promise<ContactChangeRow | null> {
  const [row] = await db
    .select()
    .from(contactChangeRequests)
    .where(and(eq(contactChangeRequests.id, id), eq(contactChangeRequests.residentId, residentId)))
    .limit(1);
  return row ?? null;
}

export async function findCode(db: BranchDb, id: string) {
  const [row] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id)).limit(1);
  return row ?? null;
}

/**
 * Applies a verified change once: the request marked applied (and its code used), the resident's contact
 * replaced, the audit entry written, in one transaction. The change as applied; null when it was no longer pending.
 */
export async function applyContactChange(
  db: BranchDb,
  c: {
    changeId: string;
    residentId: string;
    codeId: string | null;
    newPhone: string | null;
    newEmail: string | null;
    now: number;
    audit: typeof auditLog.$inferInsert;
  },
): Promise<ContactChangeRow | null> {
  return db.transaction(async (tx) => {
    const [applied] = await tx
      .update(contactChangeRequests)
      .set({ status: "applied", appliedAt: c.now })
      .where(and(eq(contactChangeRequests.id, c.changeId), eq(contactChangeRequests.status, "pending")))
      .returning();
    if (!applied) return null;
    if (c.codeId) await tx.update(oneTimeCodes).set({ usedAt: c.now }).where(eq(oneTimeCodes.id, c.codeId));
    await tx
      .update(residents)
      .set({ ...(c.newPhone ? { phone: c.newPhone } : {}), ...(c.newEmail ? { email: c.newEmail } : {}), updatedAt: c.now })
      .where(eq(residents.id, c.residentId));
    await tx.insert(auditLog).values(c.audit);
    return applied;
  });
}
