import { createRouter } from "../http/openapi.ts";
import { getPolicyRoute } from "./get-policy.ts";
import { getSettingsRoute } from "./get-settings.ts";
import { patchSettingsRoute } from "./patch-settings.ts";
import { replacePolicyRoute } from "./replace-policy.ts";
import { rotateWebhookSecretRoute } from "./rotate-webhook-secret.ts";
import { updateNotificationChannelsRoute } from "./update-notification-channels.ts";

/** The branch's settings and deadline policy, under /console/settings (versioned: If-Match required to write). */
export const settingsRoutes = createRouter()
  .route("/", getPolicyRoute)
  .route("/", replacePolicyRoute)
  .route("/", getSettingsRoute)
  .route("/", patchSettingsRoute)
  .route("/", updateNotificationChannelsRoute)
  .route("/", rotateWebhookSecretRoute);
