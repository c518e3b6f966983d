import { createRoute, z } from "@hono/zod-openapi";
import { StaffCreateRequestInputSchema, TrackingSmsSchema } from "@wuye/core";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp, idempotencyKeyOf, readJsonBody } from "../http/request.ts";
import { createRequest } from "../intake/create-request.ts";
import { requirePermission } from "../middleware/auth.ts";
import { CreatedRequestSchema } from "../public/schemas.ts";

export const recordRequestRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/requests",
    tags: ["console"],
    summary: "Record a request taken by phone, walk-in, letter or found by staff; the taker owns it",
    security: [{ bearer: [] }],
    request: {
      headers: z.object({ "idempotency-key": z.string().min(8).max(128).optional() }),
      body: { content: { "application/json": { schema: StaffCreateRequestInputSchema } }, required: true },
    },
    responses: {
      201: {
        description: "Created; `trackingSms` says whether the caller's tracking link was texted or held by an SMS limit, and why",
        content: { "application/json": { schema: CreatedRequestSchema.extend({ trackingSms: TrackingSmsSchema.optional() }) } },
      },
      ...errorResponses,
      422: { description: "Idempotency-Key reused with another body", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.create");
    const input = c.req.valid("json");
    const { branch, db } = c.var.tenant;
    const result = await createRequest({
      s: c.var.services,
      branch,
      db,
      input,
      channel: input.channel,
      actor: c.var.actor,
      idempotencyKey: idempotencyKeyOf(c),
      rawBody: await readJsonBody(c),
      clientIp: clientIp(c),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
      origin: new URL(c.req.url).origin,
    });
    return c.json(result.body, 201);
  },
);
