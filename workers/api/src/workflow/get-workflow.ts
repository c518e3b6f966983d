import { createRoute, z } from "@hono/zod-openapi";
import { allowedActions, type RequestKind } from "@wuye/core";
import { pendingTransfer } from "@wuye/db";
import { etagOf, IdParam } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { recordOf } from "./run-step.ts";
import { StepResult } from "./step-schema.ts";
import { findReadableRequest } from "../requests/readable-request.ts";

/** A hand-over to a colleague (转交) waiting for the receiver's answer. */
const PendingTransferView = z.object({
  id: z.string(),
  requestId: z.string(),
  fromId: z.string(),
  toId: z.string(),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: z.number(),
});

export const getWorkflowRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/requests/{id}/workflow",
    tags: ["workflow"],
    summary: "The request's workflow: state, the steps this user may take now, its record (work order / case file)",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      200: {
        description: "Workflow",
        content: { "application/json": { schema: StepResult.extend({ pendingHandOver: PendingTransferView.nullable() }) } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.read");
    const { db } = c.var.tenant;
    const r = await findReadableRequest(db, c.var.actor, c.req.valid("param").id);
    const record = await recordOf(db, r);
    c.header("etag", etagOf(r.version));
    return c.json(
      {
        id: r.id,
        status: r.status,
        version: r.version,
        allowedActions: allowedActions(r.kind as RequestKind, r.status, { role: c.var.actor.role }, record, {
          staffId: c.var.actor.staffId,
          assigneeId: r.assigneeId,
        }),
        record,
        pendingHandOver: await pendingTransfer(db, r.id),
      },
      200,
    );
  },
);
