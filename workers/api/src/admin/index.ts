import { createRouter } from "../http/openapi.ts";
import { authenticate } from "../middleware/auth.ts";
import { organizationAdmin } from "./common.ts";
import { createBranchRoute } from "./create-branch.ts";
import { createRegionRoute } from "./create-region.ts";
import { deleteBranchRoute } from "./delete-branch.ts";
import { deleteRegionRoute } from "./delete-region.ts";
import { exportBranchRoute } from "./export-branch.ts";
import { listBranchesRoute } from "./list-branches.ts";
import { listRegionsRoute } from "./list-regions.ts";
import { moveBranchRoute } from "./move-branch.ts";
import { renameBranchRoute } from "./rename-branch.ts";
import { renameRegionRoute } from "./rename-region.ts";
import { restoreBranchRoute } from "./restore-branch.ts";
import { resumeBranchRoute } from "./resume-branch.ts";
import { suspendBranchRoute } from "./suspend-branch.ts";

/**
 * `/api/v1/admin`: the organization administrator's operations, one per file, for their own organization
 * only (another organization's region or branch answers 404). Authenticated here, so mounting is one line.
 */
const admin = createRouter();
admin.use("*", authenticate, organizationAdmin); // not chained: `.use` would drop the routes' types
export const adminRoutes = admin
  .route("/", listRegionsRoute)
  .route("/", createRegionRoute)
  .route("/", renameRegionRoute)
  .route("/", deleteRegionRoute)
  .route("/", listBranchesRoute)
  .route("/", createBranchRoute)
  .route("/", restoreBranchRoute)
  .route("/", renameBranchRoute)
  .route("/", moveBranchRoute)
  .route("/", suspendBranchRoute)
  .route("/", resumeBranchRoute)
  .route("/", exportBranchRoute)
  .route("/", deleteBranchRoute);
