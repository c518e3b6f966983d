import { UNATTACHED_UPLOAD_TTL_MS } from "@wuye/core";
import { type BranchDb, deleteUnattached, unattachedUploads } from "@wuye/db";

/** Where the photos' bytes are (R2 in production and in `wrangler dev`). */
export interface PhotoStore {
  delete(keys: string[]): Promise<void>;
}

/**
 * Uploads that no request took within 24 h: the row goes first (only if still unattached, so a request that took
 * it meanwhile keeps it), then the bytes. A failed object delete leaves bytes nobody can reach, never a dangling row.
 */
export async function sweepUploads(db: BranchDb, store: PhotoStore | undefined, now: number): Promise<number> {
  if (!store) return 0;
  const stale = await unattachedUploads(db, now - UNATTACHED_UPLOAD_TTL_MS);
  const deleted = new Set(
    await deleteUnattached(
      db,
      stale.map((s) => s.id),
    ),
  );
  const keys = stale.filter((s) => deleted.has(s.id)).map((s) => s.objectKey);
  if (keys.length) await store.delete(keys);
  return keys.length;
}
