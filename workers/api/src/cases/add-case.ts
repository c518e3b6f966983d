import { createRoute, z } from "@hono/zod-openapi";
import { CaseInputSchema, newId } from "@wuye/core";
import { insertCase } from "@wuye/db";
import { jsonBody } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { refs, requireOwnReferences } from "../http/references.ts";

export const addCaseRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/cases",
    tags: ["workflow"],
    summary: "Add a case to the library by hand",
    security: [{ bearer: [] }],
    request: { body: jsonBody(CaseInputSchema) },
    responses: {
      201: { description: "Added", content: { "application/json": { schema: z.object({ id: z.string() }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "case.manage");
    const b = c.req.valid("json");
    await requireOwnReferences(c, refs("request", "requestId", b.requestId), refs("attachment", "photos", b.photos));
    const id = newId("case");
    await insertCase(c.var.tenant.db, {
      id,
      requestId: b.requestId ?? null,
      source: "manual",
      problem: b.problem,
      lesson: b.lesson,
      department: b.department,
      photos: b.photos ?? [],
      createdBy: c.var.actor.staffId,
      createdAt: c.var.services.now(),
    });
    return c.json({ id }, 201);
  },
);
