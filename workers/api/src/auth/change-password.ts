import { createRoute } from "@hono/zod-openapi";
import { BadInput, ChangePasswordInputSchema, hashPassword, passwordWeakness, TokenPairSchema, verifyPassword } from "@wuye/core";
import { findStaffById, setOwnPassword } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import { authenticate } from "../middleware/auth.ts";
import { setRefreshCookie } from "./cookie.ts";
import { endAllSessions, issueTokens } from "./issue.ts";
import { countFailure, refuseWhileLocked } from "./login.ts";
import { newId } from "@wuye/core";

/**
 * A member changes their own password: the old one is required (a wrong one counts towards the lockout),
 * the new one passes core's strength check. Other sessions end; this one continues with new tokens.
 */
export const changePasswordRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/password",
    tags: ["auth"],
    summary: "Change my password (old one required); answers new tokens",
    security: [{ bearer: [] }],
    middleware: [authenticate] as const,
    request: { body: { content: { "application/json": { schema: ChangePasswordInputSchema } }, required: true } },
    responses: {
      200: { description: "Changed; new tokens", content: { "application/json": { schema: TokenPairSchema } } },
      ...errorResponses,
      429: { description: "Too many failed attempts", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const { oldPassword, newPassword } = c.req.valid("json");
    const row = await findStaffById(s.control, c.var.actor.staffId);
    if (!row?.passwordHash) throw new BadInput("no password set", [{ path: "oldPassword", message: "no password set yet" }]);
    const keys = [`staff:${row.id}`, `ip:${clientIp(c)}`];
    const now = s.now();
    await refuseWhileLocked(s.control, keys, now);
    if (!(await verifyPassword(oldPassword, row.passwordHash))) {
      await countFailure(s.control, keys, now);
      throw new BadInput("the old password is wrong", [{ path: "oldPassword", message: "wrong password" }]);
    }
    const weak =
      passwordWeakness(newPassword, [row.email, row.phone]) ?? (newPassword === oldPassword ? "must differ from the old one" : null);
    if (weak) throw new BadInput("the new password is too weak", [{ path: "newPassword", message: weak }]);
    await setOwnPassword(s.control, row.id, await hashPassword(newPassword), now);
    await endAllSessions(s, row.id);
    const fresh = (await findStaffById(s.control, row.id))!;
    const pair = await issueTokens(s, fresh, newId("fam", now));
    setRefreshCookie(c, pair.refreshToken);
    return c.json(pair, 200);
  },
);
