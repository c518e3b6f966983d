import {
  applyChannels,
  NotificationChannelsInputSchema,
  NotificationSettingsSchema,
  newWebhookSecret,
  readBranchSettings,
} from "@wuye/core";
import { ListsView, settingsView } from "./settings-views.ts";
import { settingsWriteRoute } from "./settings-write-route.ts";

export const updateNotificationChannelsRoute = settingsWriteRoute({
  method: "put",
  path: "/settings/notifications",
  summary:
    "The notification channels: SMS and email gateways (a token left out keeps the stored one), the webhook's address and quiet hours (versioned; If-Match required)",
  body: NotificationChannelsInputSchema,
  answer: ListsView,
  saved: "Saved (secrets never shown)",
  change: (input, _next, current) => ({
    notifications: NotificationSettingsSchema.parse(applyChannels(readBranchSettings(current).notifications, input, newWebhookSecret)),
  }),
  view: (version, settings) => settingsView(version, readBranchSettings(settings)),
});
