import { EventMessageSchema, parseMessage, type RequestEventMessage, retryDelaySeconds, type SurveyEventMessage } from "@wuye/core";
import { openDatabases, type OutboxMessage } from "@wuye/db";
import { type EventOutcome, handleRequestEvents, handleSurveyEvent } from "./consume.ts";
import { type Env, parseEnv } from "./env.ts";
import { type FaultPhase, InjectedFault, nextFault } from "./fault.ts";
import { sweep } from "./sweep.ts";

function sender(env: Env) {
  return async (topic: string, messages: OutboxMessage[]) => {
    const queue = topic === "notifications" ? env.NOTIFICATIONS : env.REQUEST_EVENTS;
    await queue.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
  };
}

/** Retried with backoff; after the queue's last retry the platform moves it to the dead-letter queue. */
function retry(message: Message, reason: string, msg = "request event failed; will retry") {
  const eventId = (message.body as { eventId?: unknown } | null)?.eventId;
  console.error(JSON.stringify({ level: "warn", msg, id: message.id, eventId, attempts: message.attempts, reason }));
  message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
}

/**
 * The dead-letter queue (`*-dlq`): what the platform gave up on, logged with why, then acked. A malformed event
 * names its faulty fields; a well-formed one failed every retry (its request never became readable).
 */
function deadLettered(batch: MessageBatch) {
  for (const message of batch.messages) {
    const parsed = parseMessage(EventMessageSchema, message.body);
    const reason = parsed.ok ? "failed after the queue's retries" : `malformed: ${parsed.reason}`;
    console.error(
      JSON.stringify({
        level: "error",
        msg: "request event dead-lettered",
        queue: batch.queue,
        id: message.id,
        reason,
        body: message.body,
      }),
    );
    message.ack();
  }
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
   * and each is idempotent by event id. A message its schema refuses is retried (a producer deployed before
   * this consumer may be understood after its deploy) and, after the last retry, dead-lettered.
   */
  async queue(batch, env, _ctx) {
    if (batch.queue.endsWith("-dlq")) return deadLettered(batch);
    const vars = parseEnv(env);
    const dbs = openDatabases(vars);
    const work: Array<{ message: Message; event: RequestEventMessage; fault: FaultPhase }> = [];
    const surveys: Array<{ message: Message; event: SurveyEventMessage }> = [];
    for (const message of batch.messages) {
      const parsed = parseMessage(EventMessageSchema, message.body);
      if (!parsed.ok) {
        retry(message, parsed.reason, "malformed request event; retried until dead-lettered");
        continue;
      }
      if ("surveyId" in parsed.message) {
        surveys.push({ message, event: parsed.message });
        continue;
      }
      const fault = nextFault(vars);
      if (fault === "before") retry(message, String(new InjectedFault("injected fault before handling (FAULT_FAIL_EVERY)")));
      else work.push({ message, event: parsed.message, fault });
    }
    // Survey events are few; each rebuilds one survey's totals (idempotent), acked or retried on its own.
    for (const { message, event } of surveys) {
      try {
        await handleSurveyEvent(dbs, event, Date.now());
        message.ack();
      } catch (err) {
        retry(message, String(err));
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
      for (const { message } of work) retry(message, String(err));
      return;
    }
    work.forEach(({ message, event, fault }, i) => {
      if (outcomes[i] === "retry")
        retry(message, `request ${event.requestId} not readable in branch ${event.branchId} (not committed yet?)`);
      else if (fault === "after") retry(message, String(new InjectedFault("injected fault after handling (FAULT_FAIL_EVERY)")));
      else message.ack();
    });
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweep(openDatabases(parseEnv(env)), sender(env), controller.scheduledTime, env.ATTACHMENTS));
  },
} satisfies ExportedHandler<Env>;
