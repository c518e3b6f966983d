import type { Context } from "hono";

/**
 * The caller's address for the per-IP limits. In production Cloudflare itself sets CF-Connecting-IP, and a client
 * cannot forge it; the local stack's wrangler sets it to the loopback caller, and tests send their own to stand
 * for many clients. X-Forwarded-For is never read: any client can write it.
 */
export function clientIp(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

export function idempotencyKeyOf(c: Context): string | undefined {
  return c.req.header("idempotency-key") ?? undefined;
}

/** The raw JSON body (already parsed by the validator; Hono caches it), for idempotency hashing. */
export async function readJsonBody(c: Context): Promise<string> {
  return c.req.text();
}
