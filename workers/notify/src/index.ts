import { MAX_DELIVERY_ATTEMPTS, NotificationSchema, parseMessage, retryDelaySeconds } from "@wuye/core";
import { DbEnvSchema, envParser, markDead, openDatabases } from "@wuye/db";
import { z } from "zod";
import { deliver } from "./deliver.ts";
import type { SendToQueue } from "./sms-budget.ts";

const parseEnv = envParser(
  DbEnvSchema.extend({
    ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
    /** Tests only: shifts this worker's clock (quiet hours at 03:00 whenever the test runs); ignored in production. */
    CLOCK_SHIFT_MS: z.coerce.number().int().default(0),
  }),
);

export interface Env {
  ENVIRONMENT?: string;
  CLOCK_SHIFT_MS?: string;
  CONTROL_DB_URL: string;
  SUPERVISION_DB_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** This worker's own queue: notices held back by quiet hours are sent again with a delay. */
  NOTIFICATIONS: Queue;
}

/**
 * A message its schema refuses is retried (a producer deployed before this consumer may be understood after its
 * deploy) and, after the queue's last retry, dead-lettered; in the dead-letter queue it is logged and acked.
 */
function malformed(message: Message, queue: string, reason: string) {
  const dead = queue.endsWith("-dlq");
  const msg = dead ? "malformed notification dead-lettered" : "malformed notification; retried until dead-lettered";
  console.error(JSON.stringify({ level: dead ? "error" : "warn", msg, queue, id: message.id, attempts: message.attempts, reason }));
  if (dead) message.ack();
  else message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
}

export default {
  async queue(batch, env, _ctx) {
    const vars = parseEnv(env);
    const dbs = openDatabases(vars);
    const toQueue: SendToQueue = async (_topic, messages) => {
      await env.NOTIFICATIONS.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
    };
    for (const message of batch.messages) {
      const parsed = parseMessage(NotificationSchema, message.body);
      if (!parsed.ok) {
        malformed(message, batch.queue, parsed.reason);
        continue;
      }
      const n = parsed.message;
      const branch = await dbs.branch({ id: n.branchId }).catch(() => null);
      if (batch.queue.endsWith("-dlq")) {
        // The platform gave up on it: keep the reason where the console shows failed deliveries.
        if (branch) await markDead(dbs.branchDb(branch), n.notificationId, "dead-lettered by the queue after its retries");
        message.ack();
        continue;
      }
      let failure: string | null = null;
      try {
        const now = Date.now() + (vars.ENVIRONMENT === "production" ? 0 : vars.CLOCK_SHIFT_MS);
        const outcome = await deliver(dbs, vars, n, now, toQueue);
        if (outcome.kind === "later") {
          const until = new Date(now + outcome.delaySeconds * 1000).toISOString();
          console.log(JSON.stringify({ level: "info", msg: "held by quiet hours", id: n.notificationId, until }));
          await env.NOTIFICATIONS.send(message.body, { delaySeconds: outcome.delaySeconds });
          message.ack();
          continue;
        }
        if (outcome.transient.length) failure = outcome.transient.join("; ");
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
      if (!failure) {
        message.ack();
      } else if (message.attempts >= MAX_DELIVERY_ATTEMPTS) {
        if (branch) await markDead(dbs.branchDb(branch), n.notificationId, `gave up after ${message.attempts} attempts: ${failure}`);
        console.error(JSON.stringify({ level: "error", msg: "notification dead-lettered", id: n.notificationId, reason: failure }));
        message.ack();
      } else {
        console.error(
          JSON.stringify({
            level: "warn",
            msg: "notification failed; will retry",
            id: n.notificationId,
            attempts: message.attempts,
            reason: failure,
          }),
        );
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
    }
  },
} satisfies ExportedHandler<Env>;
