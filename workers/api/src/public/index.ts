import { createRouter } from "../http/openapi.ts";
import { branchProfileRoute } from "./branch-profile.ts";
import { forumMinutesRoute } from "./forum-minutes.ts";
import { rateRequestRoute } from "./rate-request.ts";
import { submitRequestRoute } from "./submit-request.ts";
import { trackRequestRoute } from "./track-request.ts";
import { uploadAttachmentRoute } from "./upload-attachment.ts";

export { PHOTO_MAX_BYTES } from "./upload-attachment.ts";

/**
 * What anyone may do without an account, under /public: a branch's profile, submitting a request (with its
 * photos), tracking and rating it, the published forum minutes. The resident's own pages behind phone verification are in resident/.
 */
export const publicRoutes = createRouter()
  .route("/", branchProfileRoute)
  .route("/", submitRequestRoute)
  .route("/", trackRequestRoute)
  .route("/", rateRequestRoute)
  .route("/", uploadAttachmentRoute)
  .route("/", forumMinutesRoute);
