import { createRoute } from "@hono/zod-openapi";
import {
  LOGIN_LOCK_SECONDS,
  LOGIN_MAX_FAILURES,
  LoginInputSchema,
  type LoginName,
  newId,
  RateLimited,
  TokenPairSchema,
  Unauthenticated,
  verifyPassword,
} from "@wuye/core";
import { clearLoginFailures, type ControlDb, findStaffByLogin, lockedUntil, recordLoginFailure, type StaffRow } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import type { Services } from "../services.ts";
import { setRefreshCookie } from "./cookie.ts";
import { issueTokens } from "./issue.ts";

const WINDOW_MS = 15 * 60_000;
const IP_MAX_FAILURES = 30;

/** The limiter's keys: the login name (email or phone, one shape for both) and the client's IP. */
export const loginKeys = (name: LoginName, ip: string) => ["email" in name ? `email:${name.email}` : `phone:${name.phone}`, `ip:${ip}`];

export async function refuseWhileLocked(db: ControlDb, keys: string[], now: number): Promise<void> {
  const until = await lockedUntil(db, keys, now);
  if (until) throw new RateLimited(Math.ceil((until - now) / 1000), "too many failed attempts; try again later");
}

/** One failed attempt against the name and the IP: five per name or thirty per IP in 15 minutes lock for 15. */
export async function countFailure(db: ControlDb, keys: string[], now: number): Promise<void> {
  const lockMs = LOGIN_LOCK_SECONDS * 1000;
  await recordLoginFailure(db, keys[0]!, now, { max: LOGIN_MAX_FAILURES, windowMs: WINDOW_MS, lockMs });
  await recordLoginFailure(db, keys[1]!, now, { max: IP_MAX_FAILURES, windowMs: WINDOW_MS, lockMs });
}

export async function checkPassword(s: Services, name: LoginName, password: string, ip: string): Promise<StaffRow> {
  const now = s.now();
  const keys = loginKeys(name, ip);
  await refuseWhileLocked(s.control, keys, now);
  const row = await findStaffByLogin(s.control, name);
  const ok = row?.active && row.passwordHash ? await verifyPassword(password, row.passwordHash) : false;
  if (!row || !ok) {
    await countFailure(s.control, keys, now);
    throw new Unauthenticated("wrong login name or password");
  }
  await clearLoginFailures(s.control, keys[0]!);
  return row;
}

export const loginRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/login",
    tags: ["auth"],
    summary: "Staff login by email or phone (the refresh token also comes as an HttpOnly cookie)",
    request: { body: { content: { "application/json": { schema: LoginInputSchema } }, required: true } },
    responses: {
      200: { description: "Access and refresh tokens", content: { "application/json": { schema: TokenPairSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
      429: { description: "Too many failed attempts", content: problemContent },
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const s = c.var.services;
    const row = await checkPassword(s, (input.email ?? input.phone)!, input.password, clientIp(c));
    const pair = await issueTokens(s, row, newId("fam", s.now()));
    setRefreshCookie(c, pair.refreshToken);
    return c.json(pair, 200);
  },
);
