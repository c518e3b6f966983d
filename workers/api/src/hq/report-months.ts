import { createRoute, z } from "@hono/zod-openapi";
import { listReportMonths } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";

export const reportMonthsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/reports",
    tags: ["hq"],
    summary: "Months with a PDCA report",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Months", content: { "application/json": { schema: z.object({ months: z.array(z.string()) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => c.json({ months: await listReportMonths(c.var.services.supervision, c.var.actor.orgId) }, 200),
);
