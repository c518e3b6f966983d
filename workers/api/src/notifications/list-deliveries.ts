import { createRoute, z } from "@hono/zod-openapi";
import { listDeliveriesByStatus } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const Delivery = z.object({
  notificationId: z.string(),
  channel: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  status: z.string(),
  error: z.string().nullable(),
  attempts: z.number(),
  at: z.string(),
});
const mask = (recipient: string) => (/^\d{7,}$/.test(recipient) ? `${recipient.slice(0, 3)}****${recipient.slice(-4)}` : recipient);

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
        items: rows.map((d) => ({
          notificationId: d.notificationId,
          channel: d.channel,
          recipient: mask(d.recipient),
          subject: d.subject,
          status: d.status,
          error: d.error,
          attempts: d.attempts,
          at: iso(d.createdAt),
        })),
      },
      200,
    );
  },
);
