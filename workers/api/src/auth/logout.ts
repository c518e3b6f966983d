import { createRoute } from "@hono/zod-openapi";
import { CookieOrBodyRefreshSchema } from "@wuye/core";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { parsedBody } from "./body.ts";
import { clearRefreshCookie, refreshTokenOf } from "./cookie.ts";
import { endLogin } from "./issue.ts";

/** Logout ends this login at once: its access tokens answer 401 on the next request, in every tab. */
export const logoutRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/logout",
    tags: ["auth"],
    summary: "End this login (refresh token from the body or the cookie)",
    request: { body: { content: { "application/json": { schema: CookieOrBodyRefreshSchema } }, required: false } },
    responses: { 204: { description: "Logged out" }, 400: errorResponses[400] },
  }),
  async (c) => {
    const body = await parsedBody(c, CookieOrBodyRefreshSchema);
    const token = refreshTokenOf(c, body);
    if (token) await endLogin(c.var.services, token);
    clearRefreshCookie(c);
    return c.body(null, 204);
  },
);
