import { createRouter } from "../http/openapi.ts";
import { editShiftHandoverRoute } from "./edit-shift-handover.ts";
import { getShiftHandoverRoute } from "./get-shift-handover.ts";
import { listShiftHandoversRoute } from "./list-shift-handovers.ts";
import { signShiftHandoverRoute } from "./sign-shift-handover.ts";
import { writeShiftHandoverRoute } from "./write-shift-handover.ts";

/** The shift handover (交接班), under /console/handovers; a request's hand-over to a colleague (转交) is in workflow/. */
export const shiftHandoverRoutes = createRouter()
  .route("/", writeShiftHandoverRoute)
  .route("/", listShiftHandoversRoute)
  .route("/", getShiftHandoverRoute)
  .route("/", signShiftHandoverRoute)
  .route("/", editShiftHandoverRoute);
