import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findAttachment } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { byTrackingCode } from "../public/tracked-request.ts";
import { photoResponse } from "./serve-photo.ts";

const Params = z.object({ trackingCode: z.string().min(8).max(40), id: z.string().min(3).max(64) });

export const trackingPhotoRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/public/requests/{trackingCode}/attachments/{id}",
    tags: ["public"],
    summary: "A photo or signature of a request, for the holder of its tracking code; a wrong code or photo gets 404",
    request: { params: Params },
    responses: {
      200: {
        description: "The image, as its sniffed type",
        content: { "image/jpeg": { schema: z.string().openapi({ format: "binary" }) } },
      },
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { trackingCode, id } = c.req.valid("param");
    const { db, request } = await byTrackingCode(c.var.services, trackingCode);
    const row = await findAttachment(db, id);
    if (!row || row.requestId !== request.id) throw new NotFound("attachment");
    return photoResponse(c.env.ATTACHMENTS, row) as never;
  },
);
