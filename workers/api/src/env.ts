import { DbEnvSchema, envParser } from "@wuye/db";
import { z } from "zod";

export const EnvVarsSchema = DbEnvSchema.extend({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 characters"),
  JWT_ISSUER: z.string().default("wuye-service-desk"),
});
export type EnvVars = z.infer<typeof EnvVarsSchema>;

export interface Env {
  ENVIRONMENT?: string;
  CONTROL_DB_URL: string;
  SUPERVISION_DB_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  JWT_SECRET: string;
  JWT_ISSUER?: string;
  REQUEST_EVENTS: Queue;
  NOTIFICATIONS: Queue;
  ATTACHMENTS?: R2Bucket;
  ASSETS?: Fetcher;
  DEADLINES?: Fetcher;
}

export const parseEnv = envParser(EnvVarsSchema);
