import { createRouter } from "../http/openapi.ts";
import { meetMilestoneRoute } from "./meet-milestone.ts";
import { pauseMilestoneRoute } from "./pause-milestone.ts";
import { recordBreachReasonRoute } from "./record-breach-reason.ts";
import { resumeMilestoneRoute } from "./resume-milestone.ts";

/** A request's milestones (the deadlines' clocks), under /console: pause, resume, met, the reason for a breach. */
export const milestoneRoutes = createRouter()
  .route("/", pauseMilestoneRoute)
  .route("/", resumeMilestoneRoute)
  .route("/", meetMilestoneRoute)
  .route("/", recordBreachReasonRoute);
