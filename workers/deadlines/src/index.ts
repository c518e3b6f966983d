import { retryDelaySeconds } from "@wuye/core";
import { openDatabases, type OutboxMessage } from "@wuye/db";
import { handleRequestEvent } from "./consume.ts";
import { type Env, parseEnv, RequestEventMessageSchema } from "./env.ts";
import { sweep } from "./sweep.ts";

function sender(env: Env) {
  return async (topic: string, messages: OutboxMessage[]) => {
    const queue = topic === "notifications" ? env.NOTIFICATIONS : env.REQUEST_EVENTS;
    await queue.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
  };
}


export default {
  /** Reachable only through the api worker's service binding (dev sweep trigger); no public route. */
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== "/sweep") return new Response("not found", { status: 404 });
    const at = Number(request.headers.get("x-sweep-at")) || Date.now();
    const result = await sweep(openDatabases(parseEnv(env)), sender(env), at);
    return Response.json(result);
  },

  async queue(batch, env, _ctx) {
    const dbs = openDatabases(parseEnv(env));
    for (const message of batch.messages) {
      const parsed = RequestEventMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ level: "error", msg: "dropping malformed request event", id: message.id }));
        message.ack();
        continue;
      }
      try {
        await handleRequestEvent(dbs, parsed.data, Date.now());
        message.ack();
      } catch (err) {
        console.error(JSON.stringify({ level: "warn", msg: "request event failed; will retry", eventId: parsed.data.eventId, attempts: message.attempts, error: String(err) }));
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
    }
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweep(openDatabases(parseEnv(env)), sender(env), controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
