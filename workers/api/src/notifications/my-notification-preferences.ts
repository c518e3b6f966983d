import { createRoute, z } from "@hono/zod-openapi";
import { ChannelNameSchema, NOTICE_TYPES, NotFound } from "@wuye/core";
import { findStaffById, setStaffNotifyPrefs } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";

const Prefs = z.strictObject({ byType: z.partialRecord(z.enum(NOTICE_TYPES), z.array(ChannelNameSchema.exclude(["webhook"])).max(3)) });

const PrefsView = Prefs.extend({
  contact: z.object({ phone: z.boolean(), email: z.boolean() }).openapi({ description: "whether SMS and email can reach me at all" }),
});

export const myNotificationPreferencesRoute = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/me/notification-preferences",
      tags: ["console"],
      summary: "The channels I chose per notice type, and whether a phone and an email are on file",
      security: [{ bearer: [] }],
      responses: { 200: { description: "My preferences", content: { "application/json": { schema: PrefsView } } }, ...errorResponses },
    }),
    async (c) => {
      const me = await findStaffById(c.var.services.control, c.var.actor.staffId);
      if (!me) throw new NotFound("staff member");
      const byType = Prefs.shape.byType.safeParse(me.notifyPrefs);
      return c.json({ byType: byType.success ? byType.data : {}, contact: { phone: !!me.phone, email: !!me.email } }, 200);
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
  );
