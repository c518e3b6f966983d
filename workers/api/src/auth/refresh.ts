import { createRoute } from "@hono/zod-openapi";
import { CookieOrBodyRefreshSchema, TokenPairSchema, Unauthenticated } from "@wuye/core";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { parsedBody } from "./body.ts";
import { clearRefreshCookie, refreshTokenOf, setRefreshCookie } from "./cookie.ts";
import { rotateRefreshToken } from "./issue.ts";

/** The body is optional: a browser sends none and its cookie carries the token (a new tab signs in this way). */
export const refreshRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/refresh",
    tags: ["auth"],
    summary: "Rotate the refresh token (from the body, or the HttpOnly cookie)",
    request: { body: { content: { "application/json": { schema: CookieOrBodyRefreshSchema } }, required: false } },
    responses: {
      200: { description: "Access and refresh tokens", content: { "application/json": { schema: TokenPairSchema } } },
      400: errorResponses[400],
      401: errorResponses[401],
    },
  }),
  async (c) => {
    const body = await parsedBody(c, CookieOrBodyRefreshSchema);
    const token = refreshTokenOf(c, body);
    if (!token) throw new Unauthenticated("no refresh token");
    try {
      const pair = await rotateRefreshToken(c.var.services, token);
      setRefreshCookie(c, pair.refreshToken);
      return c.json(pair, 200);
    } catch (err) {
      clearRefreshCookie(c);
      throw err;
    }
  },
);
