import { NotFound } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter } from "../http/openapi.ts";
import { bareInsertRoute } from "./bare-insert.ts";
import { sentMessagesRoute } from "./sent-messages.ts";
import { sweepRoute } from "./sweep.ts";

// Routes that exist only when ENVIRONMENT is development or test: never in production.
const devOnly = createMiddleware<HonoEnv>(async (c, next) => {
  if (c.var.services.vars.ENVIRONMENT === "production") throw new NotFound("route");
  await next();
});

// Not chained: the typed client (hc<ApiRoutes>) does not offer these.
export const devRoutes = createRouter();
devRoutes.use("*", devOnly);
devRoutes.route("/", sweepRoute);
devRoutes.route("/", sentMessagesRoute);
devRoutes.route("/", bareInsertRoute);
