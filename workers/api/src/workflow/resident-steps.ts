import { createRoute, z } from "@hono/zod-openapi";
import { RESIDENT_STEPS, type RequestKind } from "@wuye/core";
import { createRouter } from "../http/openapi.ts";
import { byTrackingCode } from "../public/tracked-request.ts";
import { residentView } from "./resident-view.ts";
import { runStep } from "./run-step.ts";
import { eachStep, StepBody, stepResponses } from "./step-schema.ts";

const PublicParams = z.object({ trackingCode: z.string().min(1).max(64) });

const router = createRouter();

/** The resident's own steps in the portal; the tracking code is their proof (as for the rating). */
export const residentStepRoutes = eachStep(RESIDENT_STEPS, (step) =>
  router.openapi(
    createRoute({
      method: "post",
      path: `/requests/{trackingCode}/actions/${step}`,
      tags: ["public"],
      summary: `Resident step "${step}"`,
      request: { params: PublicParams, body: { content: { "application/json": { schema: StepBody } }, required: false } },
      responses: stepResponses,
    }),
    async (c) => {
      const tracked = await byTrackingCode(c.var.services, c.req.valid("param").trackingCode);
      const out = await runStep(c, tracked, step, c.req.valid("json"), "resident", null);
      return c.json(
        {
          id: out.request.trackingCode,
          status: out.request.status,
          version: out.request.version,
          allowedActions: out.allowed,
          record: residentView(tracked.request.kind as RequestKind, out.record),
        },
        200,
      );
    },
  ),
);
