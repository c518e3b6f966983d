import { createRoute } from "@hono/zod-openapi";
import { STEP_NAMES, type StepName } from "@wuye/core";
import { etagOf, expectedVersion, IdParam, IfMatchHeader } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { runStep } from "./run-step.ts";
import { eachStep, StepBody, stepResponses } from "./step-schema.ts";
import { findReadableRequest } from "../requests/readable-request.ts";

function stepRoute<S extends StepName>(step: S) {
  return createRoute({
    method: "post",
    path: `/requests/{id}/actions/${step}`,
    tags: ["workflow"],
    summary: `Workflow step "${step}"`,
    security: [{ bearer: [] }],
    request: {
      params: IdParam,
      headers: IfMatchHeader,
      body: { content: { "application/json": { schema: StepBody } }, required: false },
    },
    responses: stepResponses,
  });
}

const router = createRouter();

/** Every workflow step of core's table, for staff: one operation per step name. */
export const stepRoutes = eachStep(STEP_NAMES, (step) =>
  router.openapi(stepRoute(step), async (c) => {
    const { db, branch } = c.var.tenant;
    const request = await findReadableRequest(db, c.var.actor, c.req.valid("param").id);
    const expected = expectedVersion(c.req.valid("header")["if-match"]);
    const out = await runStep(c, { branch, db, request }, step, c.req.valid("json"), { role: c.var.actor.role }, expected);
    c.header("etag", etagOf(out.request.version));
    return c.json(
      { id: out.request.id, status: out.request.status, version: out.request.version, allowedActions: out.allowed, record: out.record },
      200,
    );
  }),
);
