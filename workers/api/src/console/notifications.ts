import { createRoute, z } from "@hono/zod-openapi";
import { ChannelNameSchema, newId, NOTICE_TYPES, NotFound } from "@wuye/core";
import { deliveriesOf, enqueueOnce, listDeliveriesByStatus, markInboxRead, reviveDeliveries, setStaffNotifyPrefs } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { InboxView, inboxResponse } from "../http/inbox-view.ts";
import { requirePermission } from "../middleware/auth.ts";
import { publishAfter } from "../outbox.ts";

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
const Prefs = z.strictObject({ byType: z.partialRecord(z.enum(NOTICE_TYPES), z.array(ChannelNameSchema.exclude(["webhook"])).max(3)) });
const mask = (recipient: string) => (/^\d{7,}$/.test(recipient) ? `${recipient.slice(0, 3)}****${recipient.slice(-4)}` : recipient);

export const consoleNotificationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/inbox",
      tags: ["console"],
      summary: "My inbox with unread count; poll with If-None-Match (304 until something changes)",
      security: [{ bearer: [] }],
      responses: {
        200: { description: "Inbox", content: { "application/json": { schema: InboxView } } },
        304: { description: "Unchanged" },
        ...errorResponses,
      },
    }),
    async (c) => inboxResponse(c, c.var.tenant.db, { type: "staff", id: c.var.actor.staffId }) as never,
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/inbox/{id}/read",
      tags: ["console"],
      summary: "Mark an inbox item read",
      security: [{ bearer: [] }],
      request: { params: z.object({ id: z.string().min(3).max(200) }) },
      responses: { 204: { description: "Read" }, ...errorResponses },
    }),
    async (c) => {
      const ok = await markInboxRead(
        c.var.tenant.db,
        { type: "staff", id: c.var.actor.staffId },
        c.req.valid("param").id,
        c.var.services.now(),
      );
      if (!ok) throw new NotFound("unread inbox item");
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/me/notification-preferences",
      tags: ["console"],
      summary: "Channels I want per notice type (the inbox always receives everything)",
      security: [{ bearer: [] }],
      request: { body: { content: { "application/json": { schema: Prefs } }, required: true } },
      responses: { 204: { description: "Saved" }, ...errorResponses },
    }),
    async (c) => {
      await setStaffNotifyPrefs(
        c.var.services.control,
        c.var.actor.staffId,
        c.req.valid("json").byType as Record<string, string[]>,
        c.var.services.now(),
      );
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/deliveries",
      tags: ["console"],
      summary: "Failed and dead-lettered deliveries (SMS, email, webhook) with their reasons",
      security: [{ bearer: [] }],
      request: { query: z.strictObject({ status: z.enum(["failed", "dead", "sent"]).optional() }) },
      responses: {
        200: { description: "Deliveries", content: { "application/json": { schema: z.object({ items: z.array(Delivery) }) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c.var.actor, "deliveries.retry");
      const status = c.req.valid("query").status;
      const rows = await listDeliveriesByStatus(c.var.tenant.db, status ? [status] : ["failed", "dead"]);
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
            at: new Date(d.createdAt).toISOString(),
          })),
        },
        200,
      );
    },
  )
  .openapi(
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
      const message = { id: newId("obx", now), topic: "notifications", payload, createdAt: now };
      await reviveDeliveries(db, id);
      await enqueueOnce(db, [message]);
      publishAfter(c, db, [message]);
      return c.body(null, 202);
    },
  );
