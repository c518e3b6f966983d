import { z } from "@hono/zod-openapi";

export const DutyEntryView = z.object({
  id: z.string(),
  kind: z.string(),
  what: z.string(),
  handled: z.string(),
  at: z.string(),
  by: z.string(),
  byRole: z.string(),
});
