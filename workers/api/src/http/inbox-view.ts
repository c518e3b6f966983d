import { z } from "@hono/zod-openapi";
import { inboxSubject, listInbox } from "@wuye/db";
import type { Context } from "hono";
import type { BranchDb } from "@wuye/db";
import { iso } from "./common.ts";

export const InboxView = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      title: z.string(),
      body: z.string(),
      requestId: z.string().nullable(),
      /** What opening the item leads to; a request carries its tracking code (the resident's way in). */
      subject: z
        .object({
          type: z.enum(["request", "notice", "handover", "survey", "delivery"]),
          id: z.string(),
          trackingCode: z.string().optional(),
        })
        .nullable(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});

/**
 * The inbox for polling with ETag: clients poll every few seconds with If-None-Match and get 304 until
 * something changes. Chosen over Server-Sent Events because a Worker holding a stream open costs a request
 * slot for its whole life and the inbox lives in libSQL, which has no change feed to push from.
 */
export async function inboxResponse(c: Context, db: BranchDb, recipient: { type: "resident" | "staff"; id: string }) {
  const { items, unread } = await listInbox(db, recipient);
  const etag = `W/"${unread}-${items.length}-${items[0]?.id ?? "none"}-${items.filter((i) => i.readAt).length}"`;
  c.header("etag", etag);
  c.header("cache-control", "private, no-store");
  if (c.req.header("if-none-match") === etag) return c.body(null, 304);
  return c.json(
    {
      unread,
      items: items.map((i) => ({
        id: i.id,
        type: i.type,
        title: i.title,
        body: i.body,
        requestId: i.requestId,
        subject: inboxSubject(i),
        createdAt: iso(i.createdAt),
        read: i.readAt !== null,
      })),
    },
    200,
  );
}
