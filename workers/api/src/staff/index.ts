import { createRouter } from "../http/openapi.ts";
import { deactivateStaffRoute, reactivateStaffRoute } from "./active.ts";
import { addStaffRoute } from "./add.ts";
import { changeStaffRoute } from "./change.ts";
import { inviteStaffRoute, resetStaffPasswordRoute } from "./invite.ts";
import { listStaffRoute } from "./list.ts";

/** The branch manager's staff administration, mounted under `/console`. */
export const staffRoutes = createRouter()
  .route("/", listStaffRoute)
  .route("/", addStaffRoute)
  .route("/", changeStaffRoute)
  .route("/", deactivateStaffRoute)
  .route("/", reactivateStaffRoute)
  .route("/", inviteStaffRoute)
  .route("/", resetStaffPasswordRoute);
