import { checkImage, DomainError, newId, PHOTO_MAX_BYTES, RateLimited, uploadCounters } from "@wuye/core";
import { type BranchRow, countUpload, insertAttachment } from "@wuye/db";
import type { Services } from "../services.ts";

export interface StoredUpload {
  id: string;
  contentType: string;
  size: number;
}

/**
 * One upload, from the portal (a resident) or the console (staff): counted per client IP and per branch in the
 * hour (refused whole past either cap), checked as a whole image that ends where the file ends, stored as the
 * type it was found to be. It stays unattached until a request or a step takes it; the sweep deletes it after 24 h.
 */
export async function storeUpload(
  s: Services,
  bucket: R2Bucket | undefined,
  u: { branch: BranchRow; bytes: Uint8Array; declared: string; clientIp: string; uploadedBy: string | null },
): Promise<StoredUpload> {
  if (u.bytes.length > PHOTO_MAX_BYTES) throw new DomainError("payload_too_large", "photos are limited to 5 MB");
  const image = checkImage(u.bytes);
  if (!image.ok || image.type !== u.declared) {
    throw new DomainError("unsupported_media_type", "only whole JPEG, PNG or WebP images, with a matching Content-Type", {
      errors: [
        {
          path: "(body)",
          message: image.ok ? `declared ${u.declared || "nothing"}, content is ${image.type}` : `not accepted: ${image.reason}`,
        },
      ],
    });
  }
  if (!bucket) throw new DomainError("unavailable", "photo storage is not configured");
  const now = s.now();
  const db = s.branchDb(u.branch);
  const limits = uploadCounters(u.branch.id, u.clientIp, now);
  if (!(await countUpload(db, { window: limits.window, at: now, counters: limits.counters })))
    throw new RateLimited(limits.secondsLeft, "too many photos uploaded this hour; try again later");
  const id = newId("att", now);
  const objectKey = `${u.branch.id}/${id}`;
  await bucket.put(objectKey, u.bytes, { httpMetadata: { contentType: image.type } });
  await insertAttachment(db, { id, objectKey, contentType: image.type, size: u.bytes.length, uploadedBy: u.uploadedBy, createdAt: now });
  return { id, contentType: image.type, size: u.bytes.length };
}
