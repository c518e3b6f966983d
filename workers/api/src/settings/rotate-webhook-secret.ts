import { createRoute, z } from "@hono/zod-openapi";
import { NotFound, newWebhookSecret, readBranchSettings } from "@wuye/core";
import { etagOf, expectedVersion, IfMatchRequiredHeader } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { saveSettings } from "./save-settings.ts";

const Rotated = z.object({
  version: z.number(),
  secret: z.string().openapi({ description: "shown this once; the old secret stops working now" }),
});

export const rotateWebhookSecretRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/settings/notifications/webhook-secret",
    tags: ["console"],
    summary: "Rotate the webhook's signing secret: a new one, answered once (versioned; If-Match required)",
    security: [{ bearer: [] }],
    request: { headers: IfMatchRequiredHeader },
    responses: {
      200: { description: "The new secret", content: { "application/json": { schema: Rotated } } },
      ...errorResponses,
      412: { description: "Someone changed the settings since you read them", content: problemContent },
    },
  }),
  async (c) => {
    const secret = newWebhookSecret();
    const { version } = await saveSettings(
      c.var.services,
      c.var.actor,
      c.var.tenant.branch.id,
      expectedVersion(c.req.valid("header")["if-match"])!,
      (_next, current) => {
        const notifications = readBranchSettings(current).notifications;
        if (!notifications.webhook) throw new NotFound("webhook");
        return { notifications: { ...notifications, webhook: { ...notifications.webhook, secret } } };
      },
    );
    c.header("etag", etagOf(version));
    return c.json({ version, secret }, 200);
  },
);
