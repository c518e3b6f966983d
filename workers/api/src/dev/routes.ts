import { listDeliveries } from "@wuye/db";
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
  const res = await c.env.DEADLINES.fetch("https://deadlines.internal/sweep", {
    method: "POST",
    headers: { "x-sweep-at": c.req.header("x-sweep-at") ?? "" },
  });
  return new Response(res.body, { status: res.status, headers: { "content-type": "application/json" } });
});

/** The local sink of SMS and email in development: what would have been sent, newest first. */
devRoutes.get("/outbox", async (c) => {
  const s = c.var.services;
  const slug = c.req.query("branch");
  const branches = (await s.branches()).filter((b) => !slug || b.slug === slug);
  const items = [];
  for (const b of branches) {
    for (const d of await listDeliveries(s.branchDb(b), 50))
      items.push({ branch: b.slug, ...d, createdAt: new Date(d.createdAt).toISOString() });
  }
  items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return c.json({ items });
});

/** The load test's baseline: one row inserted through the same runtime, client and database as intake. */
devRoutes.post("/bare-insert/:branch", async (c) => {
  const s = c.var.services;
  const branch = await s.branch({ slug: c.req.param("branch") });
  if (!branch) throw new NotFound("branch");
  const now = s.now();
  await s.branchDb(branch).$client.execute({
    sql: "insert into idempotency_keys (scope, key, body_hash, status, response, created_at) values ('bench', ?, '', 201, '{}', ?)",
    args: [crypto.randomUUID(), now],
  });
  return c.json({ ok: true }, 201);
});
