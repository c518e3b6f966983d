import { createRouter } from "../http/openapi.ts";
import { answerSurveyRoute } from "./answer-survey.ts";
import { confirmVerificationRoute } from "./confirm-verification.ts";
import { exportMyDataRoute } from "./export-my-data.ts";
import { myInboxRoute } from "./my-inbox.ts";
import { myPreferencesRoute } from "./my-preferences.ts";
import { myRequestsRoute } from "./my-requests.ts";
import { readMyPreferencesRoute } from "./read-my-preferences.ts";
import { readMyInboxRoutes } from "./read-my-inbox.ts";
import { mySurveysRoute } from "./my-surveys.ts";
import { startVerificationRoute } from "./start-verification.ts";

/**
 * The resident's own pages, under /public/branches/{branch}: verifying their phone by a one-time code, then,
 * with the resident token, "my" requests, inbox, notice channels, surveys and data export.
 */
export const verifiedResidentRoutes = createRouter()
  .route("/", startVerificationRoute)
  .route("/", confirmVerificationRoute)
  .route("/", myRequestsRoute)
  .route("/", myInboxRoute)
  .route("/", readMyInboxRoutes)
  .route("/", myPreferencesRoute)
  .route("/", readMyPreferencesRoute)
  .route("/", mySurveysRoute)
  .route("/", answerSurveyRoute)
  .route("/", exportMyDataRoute);
