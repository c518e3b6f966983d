import { createRoute, z } from "@hono/zod-openapi";
import { ChannelNameSchema, NOTICE_TYPES } from "@wuye/core";
import { setStaffNotifyPrefs } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";

const Prefs = z.strictObject({ byType: z.partialRecord(z.enum(NOTICE_TYPES), z.array(ChannelNameSchema.exclude(["webhook"])).max(3)) });

export const myNotificationPreferencesRoute = createRouter().openapi(
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
);
