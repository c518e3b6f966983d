import { createRouter } from "../http/openapi.ts";
import { buildSurveyRoute } from "./build-survey.ts";
import { closeSurveyRoute } from "./close-survey.ts";
import { listSurveysRoute } from "./list-surveys.ts";
import { sendSurveyRoute } from "./send-survey.ts";
import { surveyResultsRoute } from "./survey-results.ts";

/** Satisfaction surveys (满意度调查), under /console; residents answer them in resident/. */
export const surveyRoutes = createRouter()
  .route("/", buildSurveyRoute)
  .route("/", listSurveysRoute)
  .route("/", sendSurveyRoute)
  .route("/", closeSurveyRoute)
  .route("/", surveyResultsRoute);
