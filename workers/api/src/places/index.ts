import { createRouter } from "../http/openapi.ts";
import { changeBuildingRoute, changeCommunityRoute, changePublicAreaRoute, changeUnitRoute } from "./change.ts";
import { createBuildingRoute, createCommunityRoute, createPublicAreaRoute, createUnitRoute } from "./create.ts";
import { importUnitsRoute } from "./import.ts";
import { listPlacesRoute } from "./list.ts";
import { publicPlaceRoute } from "./public-place.ts";
import { removeBuildingRoute, removeCommunityRoute, removePublicAreaRoute, removeUnitRoute } from "./remove.ts";

export { IMPORT_MAX_BYTES } from "./import.ts";

/** The branch manager's places, mounted under `/console`. */
export const placeRoutes = createRouter()
  .route("/", listPlacesRoute)
  .route("/", createCommunityRoute)
  .route("/", createBuildingRoute)
  .route("/", createUnitRoute)
  .route("/", createPublicAreaRoute)
  .route("/", changeCommunityRoute)
  .route("/", changeBuildingRoute)
  .route("/", changeUnitRoute)
  .route("/", changePublicAreaRoute)
  .route("/", removeCommunityRoute)
  .route("/", removeBuildingRoute)
  .route("/", removeUnitRoute)
  .route("/", removePublicAreaRoute)
  .route("/", importUnitsRoute);

/** What a QR poster opens, mounted under `/public`. */
export const publicPlaceRoutes = createRouter().route("/", publicPlaceRoute);
