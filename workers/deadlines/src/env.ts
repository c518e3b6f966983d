import { DbEnvSchema, envParser } from "@wuye/db";
import { z } from "zod";

export const EnvVarsSchema = DbEnvSchema.extend({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
});
export const parseEnv = envParser(EnvVarsSchema);

export interface Env {
  ENVIRONMENT?: string;
  CONTROL_DB_URL: string;
  SUPERVISION_DB_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  REQUEST_EVENTS: Queue;
  NOTIFICATIONS: Queue;
}

/** A request event as it travels on the `request-events` queue (the outbox payload). */
export const RequestEventMessageSchema = z.object({
  outboxId: z.string(),
  eventId: z.string(),
  type: z.string(),
  requestId: z.string(),
  branchId: z.string(),
  orgId: z.string(),
  at: z.number(),
});
export type RequestEventMessage = z.infer<typeof RequestEventMessageSchema>;
