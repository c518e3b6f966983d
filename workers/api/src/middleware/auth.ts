import { type Action, accessOfMethod, assertBranchAllows, can, Forbidden, isBranchRole, NotFound, Unauthenticated } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import { verifyAccessToken } from "../auth/token.ts";
import type { HonoEnv } from "../hono-env.ts";

export const authenticate = createMiddleware<HonoEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)$/i.exec(header);
  if (!match) throw new Unauthenticated();
  const { JWT_SECRET, JWT_ISSUER } = c.var.services.vars;
  c.set("actor", await verifyAccessToken(match[1]!, JWT_SECRET, JWT_ISSUER));
  if (c.var.actor.locale && !c.req.header("accept-language") && !c.req.query("lang")) c.set("locale", c.var.actor.locale);
  await next();
});

/** Console routes: branch staff only, and only their own branch's database. */
export const branchTenant = createMiddleware<HonoEnv>(async (c, next) => {
  const actor = c.var.actor;
  if (!isBranchRole(actor.role) || !actor.branchId) throw new Forbidden("console routes are for branch staff");
  const branch = await c.var.services.branch({ id: actor.branchId });
  if (!branch || branch.orgId !== actor.orgId) throw new NotFound("branch");
  // A suspended branch's console is read-only (core's rule): every write answers 423 branch_suspended.
  assertBranchAllows(branch, accessOfMethod(c.req.method));
  c.set("tenant", { branch, db: c.var.services.branchDb(branch) });
  await next();
});

/** Head-office and region routes: supervision roles only. */
export const supervisionScope = createMiddleware<HonoEnv>(async (c, next) => {
  if (!can(c.var.actor.role, "hq.read")) throw new Forbidden("head-office routes are for supervisors");
  await next();
});

export function requirePermission(actor: { role: HonoEnv["Variables"]["actor"]["role"] }, action: Action): void {
  if (!can(actor.role, action)) throw new Forbidden(`role ${actor.role} may not ${action}`);
}
