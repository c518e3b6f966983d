import { createRoute, z } from "@hono/zod-openapi";
import { DomainError, newId, NotFound } from "@wuye/core";
import { insertAttachment } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { BranchParam } from "./schemas.ts";

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** Images only, recognised by their first bytes (the declared type must agree). */
const SIGNATURES: Array<{ type: string; matches: (b: Uint8Array) => boolean }> = [
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/png", matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  {
    type: "image/webp",
    matches: (b) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  },
];

export function sniffImage(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}

export const uploadAttachmentRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/attachments",
    tags: ["public"],
    summary: "Upload a photo (JPEG, PNG or WebP, ≤ 5 MB) before submitting; send its id in attachmentIds",
    request: {
      params: BranchParam,
      body: {
        content: {
          "image/jpeg": { schema: z.string().openapi({ format: "binary" }) },
          "image/png": { schema: z.string().openapi({ format: "binary" }) },
          "image/webp": { schema: z.string().openapi({ format: "binary" }) },
        },
      },
    },
    responses: {
      201: {
        description: "Stored",
        content: { "application/json": { schema: z.object({ id: z.string(), contentType: z.string(), size: z.number() }) } },
      },
      404: errorResponses[404],
      413: { description: "Larger than 5 MB", content: problemContent },
      415: { description: "Not an image", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const declared = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > PHOTO_MAX_BYTES) throw new DomainError("payload_too_large", "photos are limited to 5 MB");
    const actual = sniffImage(bytes);
    if (!actual || actual !== declared) {
      throw new DomainError("unsupported_media_type", "only JPEG, PNG or WebP images, with a matching Content-Type", {
        errors: [{ path: "(body)", message: `declared ${declared || "nothing"}, content is ${actual ?? "not an image"}` }],
      });
    }
    if (!c.env.ATTACHMENTS) throw new DomainError("unavailable", "photo storage is not configured");
    const now = s.now();
    const id = newId("att", now);
    const objectKey = `${branch.id}/${id}`;
    await c.env.ATTACHMENTS.put(objectKey, bytes, { httpMetadata: { contentType: actual } });
    await insertAttachment(s.branchDb(branch), { id, objectKey, contentType: actual, size: bytes.length, createdAt: now });
    return c.json({ id, contentType: actual, size: bytes.length }, 201);
  },
);
