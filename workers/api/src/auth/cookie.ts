import { REFRESH_TOKEN_SECONDS } from "@wuye/core";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/** The refresh token for browsers: HttpOnly (no script reads it), sent only to the auth routes. */
const NAME = "wuye_refresh";
const PATH = "/api/v1/auth";
const options = { path: PATH, httpOnly: true, secure: true, sameSite: "Strict" } as const;

export function setRefreshCookie(c: Context, token: string): void {
  setCookie(c, NAME, token, { ...options, maxAge: REFRESH_TOKEN_SECONDS });
}

export function clearRefreshCookie(c: Context): void {
  deleteCookie(c, NAME, options);
}

/** The token from the body (apps, scripts) or else the cookie (the browser). */
export function refreshTokenOf(c: Context, body: { refreshToken?: string | undefined }): string | undefined {
  return body.refreshToken ?? getCookie(c, NAME);
}
