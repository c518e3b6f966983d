import { type Databases, openDatabases } from "@wuye/db";
import { type Env, type EnvVars, parseEnv } from "./env.ts";

/** Everything a handler may use, built once per request from clients cached per isolate. */
export interface Services extends Databases {
  vars: EnvVars;
  queues: { requestEvents: Queue; notifications: Queue };
  now(): number;
}

export function buildServices(env: Env): Services {
  const vars = parseEnv(env);
  // Added onto the databases object rather than spread into a new one: a spread would read (open) every
  // database up front, and they open lazily.
  return Object.assign(openDatabases(vars), {
    vars,
    queues: { requestEvents: env.REQUEST_EVENTS, notifications: env.NOTIFICATIONS },
    now: () => Date.now(),
  });
}
