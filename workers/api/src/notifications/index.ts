import { createRouter } from "../http/openapi.ts";
import { listDeliveriesRoute } from "./list-deliveries.ts";
import { myInboxRoute } from "./my-inbox.ts";
import { myNotificationPreferencesRoute } from "./my-notification-preferences.ts";
import { readAllInboxRoute } from "./read-all-inbox.ts";
import { readInboxItemRoute } from "./read-inbox-item.ts";
import { retryDeliveryRoute } from "./retry-delivery.ts";

/** Staff's inbox and notification channels, and the deliveries that failed, under /console. */
export const notificationRoutes = createRouter()
  .route("/", myInboxRoute)
  .route("/", readInboxItemRoute)
  .route("/", readAllInboxRoute)
  .route("/", myNotificationPreferencesRoute)
  .route("/", listDeliveriesRoute)
  .route("/", retryDeliveryRoute);
