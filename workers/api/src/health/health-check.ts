import { createRoute, z } from "@hono/zod-openapi";
import { pendingOutboxCount } from "@wuye/db";
import { createRouter } from "../http/openapi.ts";

const State = z.object({ status: z.enum(["ok", "down"]), latencyMs: z.number(), error: z.string().optional() });
const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  databases: z.record(z.string(), State),
  queues: z.record(z.string(), z.object({ status: z.enum(["ok", "missing"]), pendingOutbox: z.number().optional() })),
});

async function probe(fn: () => Promise<unknown>): Promise<z.infer<typeof State>> {
  const started = Date.now();
  try {
    await fn();
    return { status: "ok", latencyMs: Date.now() - started };
  } catch (err) {
    return { status: "down", latencyMs: Date.now() - started, error: err instanceof Error ? err.message.slice(0, 200) : "error" };
  }
}

export const healthCheckRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["system"],
    summary: "State of each database and queue",
    responses: {
      200: { description: "All databases answer", content: { "application/json": { schema: HealthSchema } } },
      503: { description: "Some database is down", content: { "application/json": { schema: HealthSchema } } },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const databases: Record<string, z.infer<typeof State>> = {};
    databases.control = await probe(() => s.control.$client.execute("select 1"));
    databases.supervision = await probe(() => s.supervision.$client.execute("select 1"));
    let pendingOutbox = 0;
    if (databases.control.status === "ok") {
      const branches = await s.branches();
      await Promise.all(
        branches.map(async (b) => {
          databases[`branch:${b.slug}`] = await probe(async () => {
            pendingOutbox += await pendingOutboxCount(s.branchDb(b));
          });
        }),
      );
    }
    const queues = {
      "request-events": { status: c.env.REQUEST_EVENTS ? ("ok" as const) : ("missing" as const), pendingOutbox },
      notifications: { status: c.env.NOTIFICATIONS ? ("ok" as const) : ("missing" as const) },
    };
    const healthy = Object.values(databases).every((d) => d.status === "ok");
    return c.json({ status: healthy ? ("ok" as const) : ("degraded" as const), databases, queues }, healthy ? 200 : 503);
  },
);
