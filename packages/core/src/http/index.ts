// The browser security policy, defined once: the api worker sends it on its answers (middleware/security-headers.ts)
// and the web build writes it into the static assets' `_headers` file, so pages carry the very same policy.

/** Content-Security-Policy of every page: no inline script, nothing framed, images from here and blob: previews. */
export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "blob:", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** HSTS, sent only where the site is served over HTTPS (production). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Headers besides the CSP; tracking codes travel in URLs, so no referrer leaves the site. */
export const PAGE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
} as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The policy as a header value. */
export function cspValue(policy: Record<string, readonly string[]>): string {
  return Object.entries(policy)
    .map(([name, sources]) => `${kebab(name)} ${sources.join(" ")}`)
    .join("; ");
}
