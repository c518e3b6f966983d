import { createRoute } from "@hono/zod-openapi";
import { InboxView, inboxResponse } from "../http/inbox-view.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";

export const myInboxRoute = createRouter().openapi(
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
);
