import { createRouter } from "../http/openapi.ts";
import { getMeetingRoute } from "./get-meeting.ts";
import { listMeetingsRoute } from "./list-meetings.ts";
import { publishMeetingRoute } from "./publish-meeting.ts";
import { recordMeetingRoute } from "./record-meeting.ts";
import { replyToPointRoute } from "./reply-to-point.ts";

/** Resident forum meetings (恳谈会), under /console. */
export const forumRoutes = createRouter()
  .route("/", recordMeetingRoute)
  .route("/", listMeetingsRoute)
  .route("/", getMeetingRoute)
  .route("/", replyToPointRoute)
  .route("/", publishMeetingRoute);
