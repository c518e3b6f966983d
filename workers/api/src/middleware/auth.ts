import { type Action, accessOfMethod, assertBranchAllows, can, Forbidden, isBranchRole, NotFound, Unauthenticated } from "@wuye/core";
import { createMiddleware } from "hono/factory";
import { checkSession } from "../auth/session-state.ts";
import { verifyAccessToken } from "../auth/token.ts";
import type { HonoEnv } from "../hono-env.ts";

/** Paths a member whose first-login password change is due may still use (the change itself, logout). */
const WHILE_PASSWORD_DUE = /^\/api\/v1\/auth\//;

/**
 * The bearer token's actor, if the token is genuine, its session still current (logout, deactivation and a
 * reused refresh token end it at once) and, on a first login, the password already changed.
 */
export const authenticate = createMiddleware<HonoEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)$/i.exec(header);
  if (!match) throw new Unauthenticated();
  const { JWT_SECRET, JWT_ISSUER } = c.var.services.vars;
  const verified = await verifyAccessToken(match[1]!, JWT_SECRET, JWT_ISSUER);
  await checkSession(c.var.services, verified.actor.staffId, verified.sessionVersion, verified.familyId);
  if (verified.mustChangePassword && !WHILE_PASSWORD_DUE.test(c.req.path)) throw new Forbidden("change your password first");
  c.set("actor", verified.actor);
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

/** Organization administration (`/api/v1/admin/...`): the organization administrator only. */
export const orgAdminScope = createMiddleware<HonoEnv>(async (c, next) => {
  if (c.var.actor.role !== "orgAdmin") throw new Forbidden("administration routes are for the organization administrator");
  await next();
});

export function requirePermission(actor: { role: HonoEnv["Variables"]["actor"]["role"] }, action: Action): void {
  if (!can(actor.role, action)) throw new Forbidden(`role ${actor.role} may not ${action}`);
}
