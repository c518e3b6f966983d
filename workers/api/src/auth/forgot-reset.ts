import { createRoute } from "@hono/zod-openapi";
import { BadInput, ForgotPasswordResetSchema, hashPassword, newId, passwordWeakness, sha256Hex, TokenPairSchema } from "@wuye/core";
import { countStaffTokenAttempt, findStaffById, findStaffByLogin, latestStaffToken, setPasswordWithToken } from "@wuye/db";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { clientIp } from "../http/request.ts";
import { setRefreshCookie } from "./cookie.ts";
import { issueTokens } from "./issue.ts";
import { countFailure, loginKeys, refuseWhileLocked } from "./login.ts";
import { forgetSession } from "./session-state.ts";

const MAX_CODE_ATTEMPTS = 5;
const wrongCode = () => new BadInput("wrong or expired code", [{ path: "code", message: "wrong or expired code" }]);

/** The code sets a new password and signs the member in; wrong codes count towards the login lockout. */
export const forgotResetRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/password/forgot/reset",
    tags: ["auth"],
    summary: "Set a new password with the code sent to the verified phone",
    request: { body: { content: { "application/json": { schema: ForgotPasswordResetSchema } }, required: true } },
    responses: {
      200: { description: "Password set; signed in", content: { "application/json": { schema: TokenPairSchema } } },
      400: errorResponses[400],
      429: { description: "Too many failed attempts", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const { login, code, newPassword } = c.req.valid("json");
    const now = s.now();
    const keys = loginKeys(login, clientIp(c));
    await refuseWhileLocked(s.control, keys, now);
    const row = await findStaffByLogin(s.control, login);
    const token = row?.active ? await latestStaffToken(s.control, row.id, "forgot") : null;
    if (!row || !token || token.expiresAt <= now || token.attempts >= MAX_CODE_ATTEMPTS) {
      await countFailure(s.control, keys, now);
      throw wrongCode();
    }
    if ((await sha256Hex(`${token.id}:${code}`)) !== token.tokenHash) {
      await countStaffTokenAttempt(s.control, token.id);
      await countFailure(s.control, keys, now);
      throw wrongCode();
    }
    const weak = passwordWeakness(newPassword, [row.email, row.phone]);
    if (weak) throw new BadInput("the new password is too weak", [{ path: "newPassword", message: weak }]);
    if (!(await setPasswordWithToken(s.control, token.id, row.id, { passwordHash: await hashPassword(newPassword), now })))
      throw wrongCode();
    forgetSession(row.id);
    const pair = await issueTokens(s, (await findStaffById(s.control, row.id))!, newId("fam", now));
    setRefreshCookie(c, pair.refreshToken);
    return c.json(pair, 200);
  },
);
