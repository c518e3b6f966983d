import { z } from "zod";

export const EnvVarsSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  CONTROL_DB_URL: z.string().min(1),
  SUPERVISION_DB_URL: z.string().min(1),
  LIBSQL_AUTH_TOKEN: z.string().optional(),
});

export interface Env {
  ENVIRONMENT?: string;
  CONTROL_DB_URL: string;
  SUPERVISION_DB_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  REQUEST_EVENTS: Queue;
  NOTIFICATIONS: Queue;
}
