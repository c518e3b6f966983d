import { DbEnvSchema, envParser } from "@wuye/db";
import { z } from "zod";

export const EnvVarsSchema = DbEnvSchema.extend({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  /** Test-only fault switch (see fault.ts): throw on every n-th message. Ignored in production. */
  FAULT_FAIL_EVERY: z
    .string()
    .regex(/^[1-9]\d*$/, "a positive integer")
    .transform(Number)
    .optional(),
});
export const parseEnv = envParser(EnvVarsSchema);
export type EnvVars = ReturnType<typeof parseEnv>;

export interface Env {
  ENVIRONMENT?: string;
  CONTROL_DB_URL: string;
  SUPERVISION_DB_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  FAULT_FAIL_EVERY?: string;
  REQUEST_EVENTS: Queue;
  NOTIFICATIONS: Queue;
  /** The api's photo bucket: the sweep deletes uploads no request took. */
  ATTACHMENTS?: R2Bucket;
}
