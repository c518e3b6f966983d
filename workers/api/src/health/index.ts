import { createRouter } from "../http/openapi.ts";
import { healthCheckRoute } from "./health-check.ts";

/** The service's own state, under /api/v1. */
export const healthRoutes = createRouter().route("/", healthCheckRoute);
