import { createRouter } from "../http/openapi.ts";
import { listAuditRoute } from "./list-audit.ts";

/** The audit log, under /console: read-only by design. */
export const auditRoutes = createRouter().route("/", listAuditRoute);
