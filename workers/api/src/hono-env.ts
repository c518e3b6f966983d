import type { Actor, Locale } from "@wuye/core";
import type { BranchDb, BranchRow } from "@wuye/db";
import type { Env } from "./env.ts";
import type { Services } from "./services.ts";

export type HonoEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    locale: Locale;
    services: Services;
    actor: Actor;
    /** Set by the tenant middleware for console routes: the actor's own branch, nothing else. */
    tenant: { branch: BranchRow; db: BranchDb };
  };
};
