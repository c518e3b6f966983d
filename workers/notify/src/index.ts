import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from "@wuye/core";
import { DbEnvSchema, envParser, markDead, openDatabases } from "@wuye/db";
import { z } from "zod";
import { deliver } from "./deliver.ts";
import { NotificationSchema } from "./message.ts";

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

const DLQ = "notifications-dlq";

export default {
  async queue(batch, env, _ctx) {
    const vars = parseEnv(env);
    const dbs = openDatabases(vars);
    for (const message of batch.messages) {
      const parsed = NotificationSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ level: "error", msg: "dropping malformed notification", id: message.id }));
        message.ack();
        continue;
      }
      const n = parsed.data;
      const branch = await dbs.branch({ id: n.branchId }).catch(() => null);
      if (batch.queue === DLQ) {
        // The platform gave up on it: keep the reason where the console shows failed deliveries.
        if (branch) await markDead(dbs.branchDb(branch), n.notificationId, "dead-lettered by the queue after its retries");
        message.ack();
        continue;
      }
      let failure: string | null = null;
      try {
        const now = Date.now() + (vars.ENVIRONMENT === "production" ? 0 : vars.CLOCK_SHIFT_MS);
        const outcome = await deliver(dbs, vars, n, now);
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
