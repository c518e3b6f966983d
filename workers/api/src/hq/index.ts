import { createRouter } from "../http/openapi.ts";
import { branchOverviewRoute } from "./branch-overview.ts";
import { branchRankingRoute } from "./branch-ranking.ts";
import { groupOverviewRoute } from "./group-overview.ts";
import { monthlyReportRoute } from "./monthly-report.ts";
import { overdueRoute } from "./overdue.ts";
import { reportMonthsRoute } from "./report-months.ts";
import { requestFactsRoute } from "./request-facts.ts";
import { surveyFactsRoute } from "./survey-facts.ts";
import { trendsRoute } from "./trends.ts";

/** Head office's supervision, under /hq: PII-free figures of the branches in the user's scope, as JSON or CSV. */
export const hqRoutes = createRouter()
  .route("/", groupOverviewRoute)
  .route("/", branchRankingRoute)
  .route("/", surveyFactsRoute)
  .route("/", trendsRoute)
  .route("/", overdueRoute)
  .route("/", branchOverviewRoute)
  .route("/", requestFactsRoute)
  .route("/", reportMonthsRoute)
  .route("/", monthlyReportRoute);
