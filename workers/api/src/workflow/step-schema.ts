import { z } from "@hono/zod-openapi";
import { errorResponses, problemContent } from "../http/openapi.ts";

export const StepBody = z
  .record(z.string(), z.unknown())
  .openapi({ description: "The step's input; each step's fields are validated by its schema in @wuye/core (workflow/*-steps.ts)" });
export const StepResult = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  allowedActions: z.array(z.string()),
  record: z.record(z.string(), z.unknown()),
});

export const stepResponses = {
  200: { description: "The request after the step (ETag: its new version)", content: { "application/json": { schema: StepResult } } },
  ...errorResponses,
  409: { description: "Not allowed in the request's current state", content: problemContent },
  412: { description: "Stale version (If-Match)", content: problemContent },
  422: { description: "Resident-facing text blocked by the language guard", content: problemContent },
};

/**
 * Registers one OpenAPI operation per step name (each with its own summary in the document). Typed as what the
 * loop builds: `register`'s result for a name of `N` is the router carrying the route of every name of `N`, so
 * `hono/client` sees `…/actions/dispatch`, `…/actions/review`… and nothing else.
 */
export function eachStep<N extends string, R>(names: readonly N[], register: (name: N) => R): R {
  let router: R | undefined;
  for (const name of names) router = register(name);
  if (router === undefined) throw new Error("no workflow steps");
  return router;
}
