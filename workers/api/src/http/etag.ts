import type { Context } from "hono";

/**
 * A strong ETag for exactly these bytes: SHA-256 of the body, first 16 bytes in hex; for a versioned object,
 * `"<version>.<hash>"`, so that the same ETag still serves as its If-Match (see `expectedVersion`).
 */
export async function etagOfBody(body: Uint8Array, version?: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  const hash = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return version === undefined ? `"${hash}"` : `"${version}.${hash}"`;
}

/** Whether If-None-Match names this ETag (a list, `*`, weak or strong: RFC 9110 weak comparison for GET). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

/**
 * A JSON view for polling: the ETag is the hash of the very JSON sent, so any visible change — a new version,
 * a milestone met or overdue by the clock, a reply, a language — changes it; an unchanged view answers 304
 * with no body (the poller sends If-None-Match itself: nothing is kept in a cache, the view is a bearer's). `Vary: Accept-Language` because the view's texts follow the reader's language.
 */
export async function jsonWithEtag(c: Context, view: unknown, version?: number): Promise<Response> {
  // Encoded once: the bytes hashed are the bytes sent.
  const body = new TextEncoder().encode(JSON.stringify(view)) as Uint8Array<ArrayBuffer>;
  const etag = await etagOfBody(body, version);
  c.header("etag", etag);
  c.header("cache-control", "private, no-store");
  c.header("vary", "accept-language");
  if (matchesIfNoneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  return c.body(body, 200, { "content-type": "application/json" });
}
