import { IMAGE_TYPES, type ImageType, NotFound, photoFileName, sniffImageType } from "@wuye/core";
import type { AttachmentRow } from "@wuye/db";

const isImageType = (t: string): t is ImageType => (IMAGE_TYPES as readonly string[]).includes(t);

/**
 * A stored photo's bytes, served only as the image type it was found to be (checked again on the bytes themselves),
 * never sniffed by the browser, shown inline under a name made of its id, cached only by the reader's own browser.
 */
export async function photoResponse(bucket: R2Bucket | undefined, row: AttachmentRow): Promise<Response> {
  const object = bucket && isImageType(row.contentType) ? await bucket.get(row.objectKey) : null;
  if (!object) throw new NotFound("attachment");
  const bytes = new Uint8Array(await object.arrayBuffer());
  if (sniffImageType(bytes) !== row.contentType) throw new NotFound("attachment");
  return new Response(bytes, {
    status: 200,
    headers: {
      "content-type": row.contentType,
      "content-length": String(bytes.length),
      "x-content-type-options": "nosniff",
      "content-disposition": `inline; filename="${photoFileName(row.id, row.contentType as ImageType)}"`,
      "cache-control": "private, max-age=3600",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
