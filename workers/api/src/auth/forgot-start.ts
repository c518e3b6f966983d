import { createRoute, z } from "@hono/zod-openapi";
import { ForgotPasswordInputSchema, newId, sha256Hex } from "@wuye/core";
import { findStaffByLogin, insertStaffToken, recordLoginFailure, retireStaffTokens } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import { notifyStaff } from "./links.ts";
import { loginKeys, refuseWhileLocked } from "./login.ts";

export const FORGOT_CODE_MS = 15 * 60_000;
const STARTS_PER_WINDOW = 5;

const Accepted = z.object({ sent: z.literal(true), devCode: z.string().optional() });

/**
 * "Forgot password": a six-digit code by SMS to the verified phone of the member with this login name. The
 * answer is the same whether or not such a member exists; starts are limited per name and per IP.
 */
export const forgotStartRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/password/forgot",
    tags: ["auth"],
    summary: "Send a password reset code to the member's verified phone",
    request: { body: { content: { "application/json": { schema: ForgotPasswordInputSchema } }, required: true } },
    responses: {
      202: { description: "Sent if such a member exists", content: { "application/json": { schema: Accepted } } },
      400: errorResponses[400],
      429: { description: "Too many codes", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const { login } = c.req.valid("json");
    const now = s.now();
    const [nameKey, ipKey] = loginKeys(login, clientIp(c)).map((k) => `forgot:${k}`) as [string, string];
    await refuseWhileLocked(s.control, [nameKey, ipKey], now);
    await recordLoginFailure(s.control, nameKey, now, { max: STARTS_PER_WINDOW, windowMs: 3600_000, lockMs: 3600_000 });
    await recordLoginFailure(s.control, ipKey, now, { max: STARTS_PER_WINDOW * 4, windowMs: 3600_000, lockMs: 3600_000 });
    const row = await findStaffByLogin(s.control, login);
    if (!row?.active || !row.verifiedAt || !row.phone) return c.json({ sent: true as const }, 202);
    const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, "0");
    const id = newId("stk", now);
    await retireStaffTokens(s.control, row.id, ["forgot"], now);
    await insertStaffToken(s.control, {
      id,
      staffId: row.id,
      purpose: "forgot",
      tokenHash: await sha256Hex(`${id}:${code}`),
      expiresAt: now + FORGOT_CODE_MS,
      createdAt: now,
    });
    await notifyStaff(s, row, "staff.code", { code }, (p) => c.executionCtx.waitUntil(p));
    const dev = s.vars.ENVIRONMENT === "development" || s.vars.ENVIRONMENT === "test";
    return c.json({ sent: true as const, ...(dev ? { devCode: code } : {}) }, 202);
  },
);
