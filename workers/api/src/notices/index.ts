import { createRouter } from "../http/openapi.ts";
import { approveNoticeRoute } from "./approve-notice.ts";
import { draftNoticeRoute } from "./draft-notice.ts";
import { editNoticeRoute } from "./edit-notice.ts";
import { expireNoticeRoute } from "./expire-notice.ts";
import { getNoticeRoute } from "./get-notice.ts";
import { listNoticesRoute } from "./list-notices.ts";
import { publishEmergencyNoticeRoute } from "./publish-emergency-notice.ts";
import { returnNoticeRoute } from "./return-notice.ts";
import { submitNoticeRoute } from "./submit-notice.ts";

/** Notices to residents (物业服务信息告知), under /console: drafted, approved by the supervisor, published, withdrawn. */
export const noticeRoutes = createRouter()
  .route("/", draftNoticeRoute)
  .route("/", publishEmergencyNoticeRoute)
  .route("/", listNoticesRoute)
  .route("/", getNoticeRoute)
  .route("/", editNoticeRoute)
  .route("/", submitNoticeRoute)
  .route("/", approveNoticeRoute)
  .route("/", returnNoticeRoute)
  .route("/", expireNoticeRoute);
