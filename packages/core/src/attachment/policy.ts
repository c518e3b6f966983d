import { IMAGE_EXTENSION, type ImageType } from "./image.ts";

/** A photo as uploaded; phones' photos are shrunk in the browser first (packages/web `portal/photos.ts`). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Photos a step may carry (before / after photos at arrive and complete-work). */
export const MAX_STEP_PHOTOS = 6;

/**
 * Uploads are open to anyone holding the portal (residents are not signed in), so they are counted per client IP
 * and per branch, per hour: enough for a family's photos and a busy branch's day, not for filling the storage.
 */
export const UPLOAD_LIMITS = { perIpPerHour: 30, perBranchPerHour: 600 } as const;
export const HOUR_MS = 3_600_000;

/** An upload not attached to a request within this time is deleted by the sweep. */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * HOUR_MS;

/** What an attachment is for: a photo of the problem or of the work, or the resident's drawn signature. */
export const ATTACHMENT_PURPOSES = ["photo", "signature"] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** The counters an upload moves (rate_counters keys) and the hour they count in. */
export function uploadCounters(branchId: string, clientIp: string, now: number) {
  const window = Math.floor(now / HOUR_MS);
  return {
    window,
    secondsLeft: Math.max(1, Math.ceil(((window + 1) * HOUR_MS - now) / 1000)),
    counters: [
      { key: `upload-ip:${clientIp}`, cap: UPLOAD_LIMITS.perIpPerHour },
      { key: `upload-branch:${branchId}`, cap: UPLOAD_LIMITS.perBranchPerHour },
    ],
  };
}

/** The name a browser shows for a served photo: the id (letters, digits, `_`) and the sniffed type's extension. */
export function photoFileName(id: string, type: ImageType): string {
  return `${id.replace(/[^A-Za-z0-9_]/g, "")}.${IMAGE_EXTENSION[type]}`;
}
