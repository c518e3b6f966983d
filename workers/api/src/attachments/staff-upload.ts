import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import { requirePermission } from "../middleware/auth.ts";
import { storeUpload } from "./store-upload.ts";

const binary = { schema: z.string().openapi({ format: "binary" }) };

/** The same upload as the portal's, for staff: a technician's before and after photos, a signature drawn on their phone. */
export const staffUploadRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/attachments",
    tags: ["console"],
    summary: "Upload a photo or a drawn signature (JPEG, PNG or WebP, ≤ 5 MB) for a step; send its id with the step",
    security: [{ bearer: [] }],
    request: { body: { content: { "image/jpeg": binary, "image/png": binary, "image/webp": binary } } },
    responses: {
      201: {
        description: "Stored",
        content: { "application/json": { schema: z.object({ id: z.string(), contentType: z.string(), size: z.number() }) } },
      },
      ...errorResponses,
      413: { description: "Larger than 5 MB", content: problemContent },
      415: { description: "Not a whole image", content: problemContent },
      429: { description: "Too many uploads this hour", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.read");
    const stored = await storeUpload(c.var.services, c.env.ATTACHMENTS, {
      branch: c.var.tenant.branch,
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      declared: (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase(),
      clientIp: clientIp(c),
      uploadedBy: c.var.actor.staffId,
    });
    return c.json(stored, 201);
  },
);
