import { createRoute } from "@hono/zod-openapi";
import { InboxView, inboxResponse } from "../http/inbox-view.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

export const myInboxRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/my/inbox",
    tags: ["public"],
    summary: "A verified resident's inbox; poll with If-None-Match",
    security: [{ bearer: [] }],
    request: { params: BranchParam },
    responses: {
      200: { description: "Inbox", content: { "application/json": { schema: InboxView } } },
      304: { description: "Unchanged" },
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { db, resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
    return inboxResponse(c, db, { type: "resident", id: resident.id }) as never;
  },
);
