import { createRouter } from "../http/openapi.ts";
import { staffPhotoRoute } from "./staff-photo.ts";
import { staffUploadRoute } from "./staff-upload.ts";
import { trackingPhotoRoute } from "./tracking-photo.ts";

export { AttachmentViewSchema, attachmentViews, staffPhotoUrl, trackingPhotoUrl } from "./attachment-view.ts";
export { storeUpload } from "./store-upload.ts";

/** Under /console: staff upload photos and signatures for their steps. */
export const staffAttachmentRoutes = createRouter().route("/", staffUploadRoute);

/**
 * Under /api/v1 itself: a photo for staff of its branch (`/attachments/{id}`, Bearer) and for the holder of its
 * tracking code (`/public/requests/{code}/attachments/{id}`). Outside /console, so that no sign-in answers 404, not 401.
 */
export const photoRoutes = createRouter().route("/", staffPhotoRoute).route("/", trackingPhotoRoute);
