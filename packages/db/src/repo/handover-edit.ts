import { and, eq, inArray, isNull } from "drizzle-orm";
import type { BranchDb } from "../client/index.ts";
import { handoverItems, handovers } from "../schema/branch.ts";

/**
 * The one handing over corrects an unsigned handover: notes replaced, items removed and added, version bumped, in one
 * transaction. null when there is no such handover; `signed` once it is signed; a stale version otherwise.
 */
export async function editHandover(
  db: BranchDb,
  c: {
    id: string;
    expectedVersion: number;
    notes?: string | null | undefined;
    removeItemIds: string[];
    addItems: Array<{ source: "note"; refId: null; text: string }>;
    now: number;
  },
): Promise<{ ok: true; version: number } | { ok: false; currentVersion: number } | "signed" | null> {
  return db.transaction(async (tx) => {
    const [cur] = await tx
      .select({ version: handovers.version, signedAt: handovers.signedAt })
      .from(handovers)
      .where(eq(handovers.id, c.id));
    if (!cur) return null;
    if (cur.signedAt !== null) return "signed";
    if (cur.version !== c.expectedVersion) return { ok: false as const, currentVersion: cur.version };
    const version = cur.version + 1;
    const res = await tx
      .update(handovers)
      .set({ ...(c.notes !== undefined ? { notes: c.notes } : {}), version, updatedAt: c.now })
      .where(and(eq(handovers.id, c.id), eq(handovers.version, cur.version), isNull(handovers.signedAt)));
    if (res.rowsAffected !== 1) return { ok: false as const, currentVersion: cur.version };
    if (c.removeItemIds.length)
      await tx.delete(handoverItems).where(and(eq(handoverItems.handoverId, c.id), inArray(handoverItems.id, c.removeItemIds)));
    if (c.addItems.length) {
      // Item ids sort after the existing ones (the list is shown in id order), unique per edit by the version.
      const prefix = `hdi_${c.id.slice(4)}_e${String(version).padStart(3, "0")}`;
      await tx
        .insert(handoverItems)
        .values(c.addItems.map((d, i) => ({ id: `${prefix}_${String(i).padStart(3, "0")}`, handoverId: c.id, ...d })));
    }
    return { ok: true as const, version };
  });
}
