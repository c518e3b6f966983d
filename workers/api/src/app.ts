import { DomainError, NotFound } from "@wuye/core";
import { bodyLimit } from "hono/body-limit";
import { adminRoutes } from "./admin/index.ts";
import { RESTORE_MAX_BYTES, RESTORE_PATH_SUFFIX } from "./admin/restore-branch.ts";
import { photoRoutes, staffAttachmentRoutes } from "./attachments/index.ts";
import { auditRoutes } from "./audit/index.ts";
import { authRoutes } from "./auth/routes.ts";
import { caseLibraryRoutes } from "./cases/index.ts";
import { devRoutes } from "./dev/index.ts";
import { renderDocs } from "./docs/page.ts";
import { dutyLogRoutes } from "./duty-log/index.ts";
import { forumRoutes } from "./forum/index.ts";
import { healthRoutes } from "./health/index.ts";
import { hqRoutes } from "./hq/index.ts";
import { createRouter } from "./http/openapi.ts";
import { problemFromError } from "./http/problem.ts";
import { adminUserRoutes } from "./admin-users/index.ts";
import { authenticate, branchTenant, orgAdminScope, supervisionScope } from "./middleware/auth.ts";
import { base } from "./middleware/base.ts";
import { publicWritesNeedOpenBranch } from "./middleware/branch-status.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { milestoneRoutes } from "./milestones/index.ts";
import { noticeRoutes } from "./notices/index.ts";
import { notificationRoutes } from "./notifications/index.ts";
import { IMPORT_MAX_BYTES, placeRoutes, publicPlaceRoutes } from "./places/index.ts";
import { PHOTO_MAX_BYTES, publicRoutes } from "./public/index.ts";
import { replyRoutes } from "./replies/index.ts";
import { requestRoutes } from "./requests/index.ts";
import { verifiedResidentRoutes } from "./resident/index.ts";
import { residentArchiveRoutes } from "./resident-archive/index.ts";
import { settingsRoutes } from "./settings/index.ts";
import { shiftHandoverRoutes } from "./shift-handovers/index.ts";
import { staffRoutes } from "./staff/index.ts";
import { surveyRoutes } from "./surveys/index.ts";
import { visitorRoutes } from "./visitors/index.ts";
import { residentStepRoutes, workflowRoutes } from "./workflow/index.ts";

/** Substituted at build time (wrangler `define`): true in the local stack's build, false in production's. */
declare const __DEV_ROUTES__: boolean | undefined;

const JSON_LIMIT_BYTES = 256 * 1024;

/**
 * Everything under `/api/v1`, built as one chain so that its type carries every route: the web front end's
 * typed client is `hc<ApiRoutes>("/api/v1")` (packages/web/src/lib/api.ts). Called once per `createApp()`.
 */
export function apiRoutes() {
  const consoleRoutes = createRouter()
    .route("/", requestRoutes)
    .route("/", milestoneRoutes)
    .route("/", settingsRoutes)
    .route("/", notificationRoutes)
    .route("/", replyRoutes)
    .route("/", auditRoutes)
    .route("/", noticeRoutes)
    .route("/", visitorRoutes)
    .route("/", shiftHandoverRoutes)
    .route("/", dutyLogRoutes)
    .route("/", surveyRoutes)
    .route("/", forumRoutes)
    .route("/", residentArchiveRoutes)
    .route("/", workflowRoutes)
    .route("/", caseLibraryRoutes)
    .route("/", staffAttachmentRoutes)
    .route("/", staffRoutes)
    .route("/", placeRoutes);
  return createRouter()
    .route("/auth", authRoutes)
    .route("/", healthRoutes)
    .route("/public", publicRoutes)
    .route("/public", verifiedResidentRoutes)
    .route("/public", residentStepRoutes)
    .route("/public", publicPlaceRoutes)
    .route("/console", consoleRoutes)
    .route("/", photoRoutes)
    .route("/hq", hqRoutes)
    .route("/admin", adminUserRoutes)
    .route("/admin", adminRoutes);
}

/** The routes under `/api/v1` with their inputs and responses, for `hono/client` (type only). */
export type ApiRoutes = ReturnType<typeof apiRoutes>;

export function createApp() {
  const app = createRouter();
  app.use("*", base);
  app.use("*", securityHeaders);
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new DomainError("payload_too_large", `request body larger than ${maxSize} bytes`);
      },
    });
  const jsonLimit = limit(JSON_LIMIT_BYTES);
  const photoLimit = limit(PHOTO_MAX_BYTES);
  const importLimit = limit(IMPORT_MAX_BYTES);
  const restoreLimit = limit(RESTORE_MAX_BYTES);
  app.use("/api/*", (c, next) =>
    c.req.path.endsWith("/attachments")
      ? photoLimit(c, next)
      : c.req.path === "/api/v1/console/places/import"
        ? importLimit(c, next)
        : c.req.path.endsWith(RESTORE_PATH_SUFFIX)
          ? restoreLimit(c, next)
          : jsonLimit(c, next),
  );

  app.use("/api/v1/console/*", authenticate, branchTenant);
  app.use("/api/v1/hq/*", authenticate, supervisionScope);
  app.use("/api/v1/admin/*", authenticate, orgAdminScope);
  app.use("/api/v1/public/*", publicWritesNeedOpenBranch);
  app.route("/api/v1", apiRoutes());
  // Only a build that defines __DEV_ROUTES__ true (the local stack, the tests: their wrangler configs) contains them.
  if (typeof __DEV_ROUTES__ !== "undefined" && __DEV_ROUTES__) app.route("/api/v1/dev", devRoutes());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  const docConfig = {
    openapi: "3.1.0",
    info: { title: "物业客服 Service Desk", version: "1.0.0", description: "Multi-tenant service desk for property-management companies." },
  };
  app.doc31("/api/v1/openapi.json", docConfig);
  app.get("/api/docs", (c) => c.html(renderDocs(app.getOpenAPI31Document(docConfig) as never)));

  app.notFound(async (c) => {
    const path = new URL(c.req.url).pathname;
    if (!path.startsWith("/api/") && c.env.ASSETS) return c.env.ASSETS.fetch(c.req.raw);
    throw new NotFound(`route ${c.req.method} ${path}`);
  });
  app.onError((err, c) => problemFromError(c, err));
  return app;
}

export type App = ReturnType<typeof createApp>;
