import { z } from "@hono/zod-openapi";
import type { DeliveryRow } from "@wuye/db";
import { iso } from "../http/common.ts";

export const Delivery = z.object({
  notificationId: z.string(),
  /** The notice's type (`request.trackingLink`, `milestone.breach`…), from the notification as queued. */
  type: z.string().nullable(),
  channel: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  status: z.string(),
  error: z.string().nullable(),
  attempts: z.number(),
  at: z.string(),
});

/** A phone number shows its first 3 and last 4 digits only; an address or a webhook as it is. */
const mask = (recipient: string) => (/^\d{7,}$/.test(recipient) ? `${recipient.slice(0, 3)}****${recipient.slice(-4)}` : recipient);

export function deliveryView(d: DeliveryRow): z.input<typeof Delivery> {
  const type = d.payload?.type;
  return {
    notificationId: d.notificationId,
    type: typeof type === "string" ? type : null,
    channel: d.channel,
    recipient: mask(d.recipient),
    subject: d.subject,
    status: d.status,
    error: d.error,
    attempts: d.attempts,
    at: iso(d.createdAt)!,
  };
}
