import { createRouter } from "../http/openapi.ts";
import { checkOutVisitorRoute } from "./check-out-visitor.ts";
import { getVisitorRoute } from "./get-visitor.ts";
import { listVisitorsRoute } from "./list-visitors.ts";
import { registerVisitorRoute } from "./register-visitor.ts";

/** Visitor slips (访客单), under /console. */
export const visitorRoutes = createRouter()
  .route("/", registerVisitorRoute)
  .route("/", listVisitorsRoute)
  .route("/", getVisitorRoute)
  .route("/", checkOutVisitorRoute);
