import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findAttachment } from "@wuye/db";
import { createRouter } from "../http/openapi.ts";
import { byTrackingCode } from "../public/tracked-request.ts";
import { photoResponse, photoResponses } from "./serve-photo.ts";

const Params = z.object({ trackingCode: z.string().min(8).max(40), id: z.string().min(3).max(64) });

export const trackingPhotoRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/public/requests/{trackingCode}/attachments/{id}",
    tags: ["public"],
    summary: "A photo or signature of a request, for the holder of its tracking code; a wrong code or photo gets 404",
    request: { params: Params },
    responses: photoResponses,
  }),
  async (c) => {
    const { trackingCode, id } = c.req.valid("param");
    const { db, request } = await byTrackingCode(c.var.services, trackingCode);
    const row = await findAttachment(db, id);
    if (!row || row.requestId !== request.id) throw new NotFound("attachment");
    return photoResponse(c.env.ATTACHMENTS, row) as never;
  },
);
