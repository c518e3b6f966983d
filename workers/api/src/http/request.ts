import type { Context } from "hono";

export function clientIp(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
}

export function idempotencyKeyOf(c: Context): string | undefined {
  return c.req.header("idempotency-key") ?? undefined;
}

/** The raw JSON body (already parsed by the validator; Hono caches it), for idempotency hashing. */
export async function readJsonBody(c: Context): Promise<string> {
  return c.req.text();
}
