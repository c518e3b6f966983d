import { and, asc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { attachments } from "../schema/branch.ts";
import { countUp, refusedByLimits } from "./rate-counters.ts";

export type AttachmentRow = typeof attachments.$inferSelect;

/**
 * Counts one upload on each counter (per IP, per branch) in one statement (`countUp`); the `rate_counters_guard`
 * trigger refuses it whole when any count would pass its cap. False when refused.
 */
export async function countUpload(
  db: BranchDb,
  c: { window: number; at: number; counters: ReadonlyArray<{ key: string; cap: number }> },
): Promise<boolean> {
  try {
    await countUp(
      db,
      c.counters.map((k) => ({ key: k.key, window: c.window, cap: k.cap, at: c.at })),
    );
    return true;
  } catch (err) {
    if (refusedByLimits(err)) return false;
    throw err;
  }
}

export async function findAttachment(db: BranchDb, id: string): Promise<AttachmentRow | null> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row ?? null;
}

/** A request's photos and signature, oldest first. */
export async function attachmentsOfRequest(db: BranchDb, requestId: string): Promise<AttachmentRow[]> {
  return db.select().from(attachments).where(eq(attachments.requestId, requestId)).orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** The statement that links uploads to a request at a step, only those still unattached (run inside the step's transaction). */
export function attachStatement(
  db: Pick<BranchDb, "update">,
  a: { ids: string[]; requestId: string; step: string | null; purpose: string },
) {
  return db
    .update(attachments)
    .set({ requestId: a.requestId, step: a.step, purpose: a.purpose })
    .where(and(inArray(attachments.id, a.ids), isNull(attachments.requestId)));
}

/** Uploads never attached to a request, older than `before`: what the sweep deletes (oldest first, a batch at a time). */
export async function unattachedUploads(db: BranchDb, before: number, limit = 200) {
  return db
    .select({ id: attachments.id, objectKey: attachments.objectKey })
    .from(attachments)
    .where(and(isNull(attachments.requestId), lt(attachments.createdAt, before)))
    .orderBy(asc(attachments.createdAt))
    .limit(limit);
}

/** Deletes upload rows that are still unattached (one attached meanwhile stays). Returns the ids deleted. */
export async function deleteUnattached(db: BranchDb, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .delete(attachments)
    .where(and(inArray(attachments.id, ids), isNull(attachments.requestId)))
    .returning({ id: attachments.id });
  return rows.map((r) => r.id);
}
