import { NotFound } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter } from "../http/openapi.ts";

// Routes that exist only when ENVIRONMENT is development or test: never in production.
const devOnly = createMiddleware<HonoEnv>(async (c, next) => {
  if (c.var.services.vars.ENVIRONMENT === "production") throw new NotFound("route");
  await next();
});

export const devRoutes = createRouter();
devRoutes.use("*", devOnly);
/** Crons never fire in `wrangler dev`: the dev command calls this every minute to run the sweep. */
devRoutes.post("/sweep", async (c) => {
  if (!c.env.DEADLINES) throw new NotFound("deadlines service binding");
  const res = await c.env.DEADLINES.fetch("https://deadlines.internal/sweep", { method: "POST", headers: { "x-sweep-at": c.req.header("x-sweep-at") ?? "" } });
  return new Response(res.body, { status: res.status, headers: { "content-type": "application/json" } });
});
