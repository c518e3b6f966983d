import { NotFound } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter } from "../http/openapi.ts";
import { bareInsertRoute } from "./bare-insert.ts";
import { sentMessagesRoute } from "./sent-messages.ts";
import { sweepRoute } from "./sweep.ts";

/** The environments that may have the dev routes: an allow-list, so an unset or mistyped one has none. */
export const DEV_ENVIRONMENTS: ReadonlySet<string> = new Set(["development", "test"]);

/**
 * The local stack's and the tests' own routes (the sweep trigger, the SMS/email sink, the load test's baseline).
 * Built by a function, so a bundle that never calls it (production: `__DEV_ROUTES__` false) leaves it out whole.
 * Not chained into the typed client.
 */
export function devRoutes() {
  const devOnly = createMiddleware<HonoEnv>(async (c, next) => {
    if (!DEV_ENVIRONMENTS.has(c.var.services.vars.ENVIRONMENT)) throw new NotFound("route");
    await next();
  });
  return createRouter().use("*", devOnly).route("/", sweepRoute()).route("/", sentMessagesRoute()).route("/", bareInsertRoute());
}
