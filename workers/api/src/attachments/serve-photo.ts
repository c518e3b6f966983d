import { IMAGE_TYPES, type ImageType, NotFound, photoFileName, sniffImageType } from "@wuye/core";
import { z } from "@hono/zod-openapi";
import type { AttachmentRow } from "@wuye/db";
import { errorResponses } from "../http/openapi.ts";

const image = { schema: z.string().openapi({ format: "binary" }) };
/** What a photo route answers: the image as its sniffed type, or 404 to anyone it is not for. */
export const photoResponses = {
  200: { description: "The image, as its sniffed type", content: { "image/jpeg": image, "image/png": image, "image/webp": image } },
  404: errorResponses[404],
};

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
