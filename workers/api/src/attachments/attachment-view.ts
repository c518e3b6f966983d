import { z } from "@hono/zod-openapi";
import type { AttachmentRow } from "@wuye/db";

/** A photo or signature as the request detail and the tracking answer list it (ARCHITECTURE.md "Photos"). */
export const AttachmentViewSchema = z.object({
  id: z.string(),
  url: z
    .string()
    .openapi({ description: "serves the image: to staff of the branch (Bearer), or, on the tracking answer, to the code's holder" }),
  contentType: z.string(),
  purpose: z.string().openapi({ description: "photo | signature" }),
  step: z
    .string()
    .nullable()
    .openapi({ description: "the step that added it (arrive = before, complete-work = after); null with the request" }),
  createdAt: z.string(),
});

/** Where staff (Bearer) fetch a photo of their branch. */
export const staffPhotoUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;
/** Where the holder of a tracking code fetches a photo of that request. */
export const trackingPhotoUrl = (trackingCode: string, id: string) =>
  `/api/v1/public/requests/${encodeURIComponent(trackingCode)}/attachments/${encodeURIComponent(id)}`;

export function attachmentViews(rows: AttachmentRow[], urlOf: (id: string) => string) {
  return rows.map((a) => ({
    id: a.id,
    url: urlOf(a.id),
    contentType: a.contentType,
    purpose: a.purpose,
    step: a.step,
    createdAt: new Date(a.createdAt).toISOString(),
  }));
}
