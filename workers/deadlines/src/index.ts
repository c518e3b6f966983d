import { retryDelaySeconds } from "@wuye/core";
import { openDatabases, type OutboxMessage } from "@wuye/db";
import { type EventOutcome, handleRequestEvents, handleSurveyEvent } from "./consume.ts";
import { type Env, type EventMessage, EventMessageSchema, parseEnv, type RequestEventMessage, type SurveyEventMessage } from "./env.ts";
import { type FaultPhase, InjectedFault, nextFault } from "./fault.ts";
import { sweep } from "./sweep.ts";

function sender(env: Env) {
  return async (topic: string, messages: OutboxMessage[]) => {
    const queue = topic === "notifications" ? env.NOTIFICATIONS : env.REQUEST_EVENTS;
    await queue.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
  };
}

function retry(message: Message, event: EventMessage, reason: string) {
  console.error(
    JSON.stringify({
      level: "warn",
      msg: "request event failed; will retry",
      eventId: event.eventId,
      attempts: message.attempts,
      error: reason,
    }),
  );
  message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
}

export default {
  /** Reachable only through the api worker's service binding (dev sweep trigger); no public route. */
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== "/sweep") return new Response("not found", { status: 404 });
    const at = Number(request.headers.get("x-sweep-at")) || Date.now();
    const result = await sweep(openDatabases(parseEnv(env)), sender(env), at, env.ATTACHMENTS);
    return Response.json(result);
  },

  /**
   * A batch's messages are handled together (see handleRequestEvents); each is acked or retried on its own,
   * and each is idempotent by event id.
   */
  async queue(batch, env, _ctx) {
    const vars = parseEnv(env);
    const dbs = openDatabases(vars);
    const work: Array<{ message: Message; event: RequestEventMessage; fault: FaultPhase }> = [];
    const surveys: Array<{ message: Message; event: SurveyEventMessage }> = [];
    for (const message of batch.messages) {
      const parsed = EventMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ level: "error", msg: "dropping malformed request event", id: message.id }));
        message.ack();
        continue;
      }
      if ("surveyId" in parsed.data) {
        surveys.push({ message, event: parsed.data });
        continue;
      }
      const fault = nextFault(vars);
      if (fault === "before") retry(message, parsed.data, String(new InjectedFault("injected fault before handling (FAULT_FAIL_EVERY)")));
      else work.push({ message, event: parsed.data, fault });
    }
    // Survey events are few; each rebuilds one survey's totals (idempotent), acked or retried on its own.
    for (const { message, event } of surveys) {
      try {
        await handleSurveyEvent(dbs, event, Date.now());
        message.ack();
      } catch (err) {
        retry(message, event, String(err));
      }
    }
    if (work.length === 0) return;
    let outcomes: EventOutcome[];
    try {
      outcomes = await handleRequestEvents(
        dbs,
        work.map((w) => w.event),
        Date.now(),
      );
    } catch (err) {
      for (const { message, event } of work) retry(message, event, String(err));
      return;
    }
    work.forEach(({ message, event, fault }, i) => {
      if (outcomes[i] === "retry")
        retry(message, event, `request ${event.requestId} not readable in branch ${event.branchId} (not committed yet?)`);
      else if (fault === "after") retry(message, event, String(new InjectedFault("injected fault after handling (FAULT_FAIL_EVERY)")));
      else message.ack();
    });
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweep(openDatabases(parseEnv(env)), sender(env), controller.scheduledTime, env.ATTACHMENTS));
  },
} satisfies ExportedHandler<Env>;
