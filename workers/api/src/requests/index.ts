import { createRouter } from "../http/openapi.ts";
import { getRequestRoute } from "./get-request.ts";
import { listRequestsRoute } from "./list-requests.ts";
import { recordRequestRoute } from "./record-request.ts";
import { requestDeliveriesRoute } from "./request-deliveries.ts";

/** Requests for staff, under /console: recording one taken by phone or at the desk, the register, one request in full. */
export const requestRoutes = createRouter()
  .route("/", recordRequestRoute)
  .route("/", listRequestsRoute)
  .route("/", getRequestRoute)
  .route("/", requestDeliveriesRoute);
