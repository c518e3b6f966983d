import { createRoute, z } from "@hono/zod-openapi";
import { NotFound, requeuedNotificationRow } from "@wuye/core";
import { deliveriesOf, enqueueOnce, reviveDeliveries } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";

export const retryDeliveryRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/deliveries/{notificationId}/retry",
    tags: ["console"],
    summary: "Retry now: queue the notification again (what was already sent is skipped)",
    security: [{ bearer: [] }],
    request: { params: z.object({ notificationId: z.string().min(3).max(200) }) },
    responses: { 202: { description: "Queued" }, ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "deliveries.retry");
    const { db } = c.var.tenant;
    const id = c.req.valid("param").notificationId;
    const rows = await deliveriesOf(db, id);
    const payload = rows.find((r) => r.payload)?.payload;
    if (!payload || !rows.some((r) => r.status !== "sent")) throw new NotFound("failed delivery");
    const now = c.var.services.now();
    const message = requeuedNotificationRow(payload, now);
    await reviveDeliveries(db, id);
    await enqueueOnce(db, [message]);
    publishAfter(c, db, [message]);
    return c.body(null, 202);
  },
);
