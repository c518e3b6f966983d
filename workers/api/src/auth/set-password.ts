import { createRoute } from "@hono/zod-openapi";
import { BadInput, hashPassword, newId, passwordWeakness, SetPasswordInputSchema, TokenPairSchema } from "@wuye/core";
import { findStaffById, setPasswordWithToken } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { setRefreshCookie } from "./cookie.ts";
import { issueTokens } from "./issue.ts";
import { usableLink } from "./links.ts";
import { forgetSession } from "./session-state.ts";

/** The invite or reset link sets the password (once) and signs the member in. */
export const setPasswordRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/password/set",
    tags: ["auth"],
    summary: "Set the password from an invite or reset link; answers tokens",
    request: { body: { content: { "application/json": { schema: SetPasswordInputSchema } }, required: true } },
    responses: {
      200: { description: "Password set; signed in", content: { "application/json": { schema: TokenPairSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
    },
  }),
  async (c) => {
    const s = c.var.services;
    const { token, newPassword } = c.req.valid("json");
    const link = await usableLink(s, token, ["invite", "reset"]);
    const row = await findStaffById(s.control, link.staffId);
    if (!row?.active) throw new BadInput("this link is used or expired", [{ path: "token", message: "the account is deactivated" }]);
    const weak = passwordWeakness(newPassword, [row.email, row.phone]);
    if (weak) throw new BadInput("the new password is too weak", [{ path: "newPassword", message: weak }]);
    const now = s.now();
    if (!(await setPasswordWithToken(s.control, link.id, row.id, { passwordHash: await hashPassword(newPassword), now }))) {
      throw new BadInput("this link is used or expired", [{ path: "token", message: "used or expired" }]);
    }
    forgetSession(row.id);
    const fresh = (await findStaffById(s.control, row.id))!;
    const pair = await issueTokens(s, fresh, newId("fam", now));
    setRefreshCookie(c, pair.refreshToken);
    return c.json(pair, 200);
  },
);
