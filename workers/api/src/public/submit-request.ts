import { createRoute, z } from "@hono/zod-openapi";
import { CreateRequestInputSchema, NotFound } from "@wuye/core";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp, idempotencyKeyOf, readJsonBody } from "../http/request.ts";
import { createRequest } from "../intake/create-request.ts";
import { BranchParam, CreatedRequestSchema } from "./schemas.ts";

const IdempotencyHeader = z.object({ "idempotency-key": z.string().min(8).max(128).optional() });

export const submitRequestRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/requests",
    tags: ["public"],
    summary: "Submit a request of any kind (A–G, S). Honours Idempotency-Key.",
    request: {
      params: BranchParam,
      headers: IdempotencyHeader,
      body: { content: { "application/json": { schema: CreateRequestInputSchema } }, required: true },
    },
    responses: {
      201: {
        description:
          "Created, with every milestone's due time; a retry with the same Idempotency-Key gets the first answer again, marked `idempotent-replayed: true`",
        content: { "application/json": { schema: CreatedRequestSchema } },
      },
      400: errorResponses[400],
      404: errorResponses[404],
      422: { description: "Idempotency-Key reused with another body", content: problemContent },
      429: { description: "Abuse limit reached (Retry-After)", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const result = await createRequest({
      s,
      branch,
      db: s.branchDb(branch),
      input: c.req.valid("json"),
      channel: c.req.valid("json").channel ?? "portal",
      actor: null,
      idempotencyKey: idempotencyKeyOf(c),
      rawBody: await readJsonBody(c),
      clientIp: clientIp(c),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
    });
    if (result.replayed) c.header("idempotent-replayed", "true");
    return c.json(result.body, 201);
  },
);
