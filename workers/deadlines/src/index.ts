import { retryDelaySeconds } from "@wuye/core";
import { type Databases, openDatabases, type OutboxMessage } from "@wuye/db";
import { handleEvent, orderKey } from "./consume.ts";
import { eachBounded } from "./bounded.ts";
import { type Env, type EnvVars, type EventMessage, EventMessageSchema, parseEnv } from "./env.ts";
import { InjectedFault, nextFault } from "./fault.ts";
import { sweep } from "./sweep.ts";

function sender(env: Env) {
  return async (topic: string, messages: OutboxMessage[]) => {
    const queue = topic === "notifications" ? env.NOTIFICATIONS : env.REQUEST_EVENTS;
    await queue.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
  };
}

/** Requests whose events are handled at the same time within one batch. */
const CONCURRENCY = 8;

async function handleMessage(dbs: Databases, vars: EnvVars, message: Message, event: EventMessage): Promise<void> {
  try {
    const fault = nextFault(vars);
    if (fault === "before") throw new InjectedFault("injected fault before handling (FAULT_FAIL_EVERY)");
    await handleEvent(dbs, event, Date.now());
    if (fault === "after") throw new InjectedFault("injected fault after handling (FAULT_FAIL_EVERY)");
    message.ack();
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", msg: "request event failed; will retry", eventId: event.eventId, attempts: message.attempts, error: String(err) }));
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  }
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

  /**
   * A batch's messages are handled concurrently (at most CONCURRENCY requests at a time), in order within
   * one request; each is acked or retried on its own, and each is idempotent by event id.
   */
  async queue(batch, env, _ctx) {
    const vars = parseEnv(env);
    const dbs = openDatabases(vars);
    const byRequest = new Map<string, Array<{ message: Message; event: EventMessage }>>();
    for (const message of batch.messages) {
      const parsed = EventMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ level: "error", msg: "dropping malformed request event", id: message.id }));
        message.ack();
        continue;
      }
      const key = orderKey(parsed.data);
      byRequest.set(key, [...(byRequest.get(key) ?? []), { message, event: parsed.data }]);
    }
    await eachBounded([...byRequest.values()], CONCURRENCY, async (group) => {
      for (const { message, event } of group) await handleMessage(dbs, vars, message, event);
    });
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweep(openDatabases(parseEnv(env)), sender(env), controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
