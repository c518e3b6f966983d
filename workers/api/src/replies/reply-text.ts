import { z } from "@hono/zod-openapi";

/** A reply to the resident, as drafted and as sent. */
export const ReplyText = z.string().trim().min(1).max(2000);
