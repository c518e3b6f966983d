import { createRouter } from "../http/openapi.ts";
import { acceptTransferRoute } from "./accept-transfer.ts";
import { colleaguesRoute } from "./colleagues.ts";
import { declineTransferRoute } from "./decline-transfer.ts";
import { dispatchBoardRoute } from "./dispatch-board.ts";
import { getWorkflowRoute } from "./get-workflow.ts";
import { offerTransferRoute } from "./offer-transfer.ts";
import { myJobsRoute } from "./my-jobs.ts";
import { openItemsRoute } from "./open-items.ts";
import { stepRoutes } from "./steps.ts";
import { takeRequestRoute } from "./take-request.ts";

export { residentStepRoutes } from "./resident-steps.ts";

/** A request's workflow for staff, under /console: its steps, taking it, handing it over (转交), open items, the dispatch board. */
export const workflowRoutes = createRouter()
  .route("/", stepRoutes)
  .route("/", getWorkflowRoute)
  .route("/", offerTransferRoute)
  .route("/", takeRequestRoute)
  .route("/", acceptTransferRoute)
  .route("/", declineTransferRoute)
  .route("/", openItemsRoute)
  .route("/", myJobsRoute)
  .route("/", colleaguesRoute)
  .route("/", dispatchBoardRoute);
