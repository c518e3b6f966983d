import { accessOfMethod, assertBranchAllows, trackingPrefixOf } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";

/**
 * Public writes to a suspended branch (intake, photos, resident steps, phone verification) answer 423
 * branch_suspended; reads (profile, tracking) go on. The branch is named by slug or by a tracking code.
 */
export const publicWritesNeedOpenBranch = createMiddleware<HonoEnv>(async (c, next) => {
  if (accessOfMethod(c.req.method) === "write") {
    const path = new URL(c.req.url).pathname;
    const slug = /\/public\/branches\/([^/]+)/.exec(path)?.[1];
    const prefix = trackingPrefixOf(decodeURIComponent(/\/public\/requests\/([^/]+)/.exec(path)?.[1] ?? "").toUpperCase());
    const s = c.var.services;
    const branch = slug ? await s.branch({ slug: decodeURIComponent(slug) }) : prefix ? await s.branch({ trackingPrefix: prefix }) : null;
    if (branch) assertBranchAllows(branch, "write");
  }
  await next();
});
