import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { storeUpload } from "../attachments/store-upload.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import { BranchParam } from "./schemas.ts";

export { PHOTO_MAX_BYTES } from "@wuye/core";

const binary = { schema: z.string().openapi({ format: "binary" }) };

export const uploadAttachmentRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/attachments",
    tags: ["public"],
    summary:
      "Upload a photo (a whole JPEG, PNG or WebP, ≤ 5 MB, nothing after its end) before submitting; send its id in attachmentIds. Limited per IP and per branch each hour; deleted if no request takes it within 24 h",
    request: { params: BranchParam, body: { content: { "image/jpeg": binary, "image/png": binary, "image/webp": binary } } },
    responses: {
      201: {
        description: "Stored",
        content: { "application/json": { schema: z.object({ id: z.string(), contentType: z.string(), size: z.number() }) } },
      },
      404: errorResponses[404],
      413: { description: "Larger than 5 MB", content: problemContent },
      415: { description: "Not a whole image", content: problemContent },
      429: { description: "Too many uploads this hour from this address or to this branch", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const stored = await storeUpload(s, c.env.ATTACHMENTS, {
      branch,
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      declared: (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase(),
      clientIp: clientIp(c),
      uploadedBy: null,
    });
    return c.json(stored, 201);
  },
);
