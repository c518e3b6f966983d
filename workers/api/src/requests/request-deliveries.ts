import { createRoute, z } from "@hono/zod-openapi";
import { deliveriesOfRequest } from "@wuye/db";
import { IdParam } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { Delivery, deliveryView } from "../notifications/delivery-view.ts";
import { findReadableRequest } from "./readable-request.ts";

/**
 * What was sent about one request (the caller's tracking link, replies, milestone notices), with each text that an
 * SMS limit held and why: whoever has the request open sees that the resident never got the text.
 */
export const requestDeliveriesRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/requests/{id}/deliveries",
    tags: ["console"],
    summary: "The messages about one request (SMS, email, webhook, inbox): sent, held by an SMS limit with the reason, failed",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      200: { description: "Oldest first", content: { "application/json": { schema: z.object({ items: z.array(Delivery) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.read");
    const { db } = c.var.tenant;
    const id = c.req.valid("param").id;
    await findReadableRequest(db, c.var.actor, id);
    const rows = await deliveriesOfRequest(db, id);
    return c.json({ items: rows.map(deliveryView) }, 200);
  },
);
