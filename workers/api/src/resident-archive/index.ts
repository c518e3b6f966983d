import { createRouter } from "../http/openapi.ts";
import { confirmContactChangeRoute } from "./confirm-contact-change.ts";
import { getResidentRoute } from "./get-resident.ts";
import { listResidentsRoute } from "./list-residents.ts";
import { requestContactChangeRoute } from "./request-contact-change.ts";

/** Staff's resident records (the resident archive), under /console: every look is audited; contact changes. */
export const residentArchiveRoutes = createRouter()
  .route("/", listResidentsRoute)
  .route("/", getResidentRoute)
  .route("/", requestContactChangeRoute)
  .route("/", confirmContactChangeRoute);
