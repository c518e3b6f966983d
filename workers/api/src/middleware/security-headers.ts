import { HSTS, PAGE_CSP, PAGE_HEADERS, cspValue } from "@wuye/core/http";
import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../hono-env.ts";

// The readable API reference is one self-contained page: an inline stylesheet and no script at all.
const DOCS_CSP = cspValue({
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
});
const API_CSP = cspValue(PAGE_CSP);

/**
 * Browser security headers on every answer of the worker (pages are static assets: the web build writes the same
 * policy into their `_headers`). HSTS only in production, the one place served over HTTPS. An API answer that set
 * no caching of its own is `no-store`: most carry personal data, and none is worth a stale copy.
 */
export const securityHeaders = createMiddleware<HonoEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  for (const [name, value] of Object.entries(PAGE_HEADERS)) headers.set(name, value);
  headers.set("Content-Security-Policy", c.req.path === "/api/docs" ? DOCS_CSP : API_CSP);
  if (c.var.services.vars.ENVIRONMENT === "production") headers.set("Strict-Transport-Security", HSTS);
  if (c.req.path.startsWith("/api/") && !headers.has("cache-control")) headers.set("Cache-Control", "private, no-store");
});
