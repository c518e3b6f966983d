import { createRoute, z } from "@hono/zod-openapi";
import { listDeliveriesByStatus } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { Delivery, deliveryView } from "./delivery-view.ts";

export const listDeliveriesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/deliveries",
    tags: ["console"],
    summary: "Held, failed and dead-lettered deliveries (SMS, email, webhook) with their reasons; or those of one status",
    security: [{ bearer: [] }],
    request: { query: z.strictObject({ status: z.enum(["held", "failed", "dead", "sent"]).optional() }) },
    responses: {
      200: { description: "Deliveries", content: { "application/json": { schema: z.object({ items: z.array(Delivery) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "deliveries.retry");
    const status = c.req.valid("query").status;
    const rows = await listDeliveriesByStatus(c.var.tenant.db, status ? [status] : ["held", "failed", "dead"]);
    return c.json(
      {
        items: rows.map(deliveryView),
      },
      200,
    );
  },
);
