import { createRoute, z } from "@hono/zod-openapi";
import { IfMatchHeader } from "../http/common.ts";
import { errorResponses, problemContent } from "../http/openapi.ts";

const Params = z.object({ id: z.string().min(3).max(64), milestoneId: z.string().min(3).max(64) });
const MilestoneResult = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  dueAt: z.string().nullable(),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  breachReason: z.string().nullable(),
  version: z.number(),
});

/** The route of one action on a request's milestone (`/requests/{id}/milestones/{milestoneId}/<action>`). */
export const milestoneRoute = <P extends string, B extends z.ZodType>(path: P, summary: string, body: B) =>
  createRoute({
    method: "post",
    path: `/requests/{id}/milestones/{milestoneId}/${path}`,
    tags: ["console"],
    summary,
    security: [{ bearer: [] }],
    request: {
      params: Params,
      headers: IfMatchHeader,
      body: { content: { "application/json": { schema: body } }, required: true },
    },
    responses: {
      200: {
        description: "The milestone after the action (ETag: the request's new version)",
        content: { "application/json": { schema: MilestoneResult } },
      },
      ...errorResponses,
      409: { description: "Not allowed in the milestone's state", content: problemContent },
      412: { description: "Stale version (If-Match)", content: problemContent },
    },
  });
