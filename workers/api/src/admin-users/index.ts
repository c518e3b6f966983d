import { createRouter } from "../http/openapi.ts";
import { deactivateOrgUserRoute, inviteOrgUserRoute, reactivateOrgUserRoute, resetOrgUserPasswordRoute } from "./actions.ts";
import { addOrgUserRoute } from "./add.ts";
import { listOrgUsersRoute } from "./list.ts";

/** The organization administrator's users, mounted under `/admin` (behind authenticate + orgAdminScope). */
export const adminUserRoutes = createRouter()
  .route("/", listOrgUsersRoute)
  .route("/", addOrgUserRoute)
  .route("/", deactivateOrgUserRoute)
  .route("/", reactivateOrgUserRoute)
  .route("/", inviteOrgUserRoute)
  .route("/", resetOrgUserPasswordRoute);
