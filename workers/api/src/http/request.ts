import { BadInput } from "@wuye/core";
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

/** A JSON body that may be absent (then `{}`); a body that is not JSON is a 400, never read as empty. */
export async function optionalJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadInput("the body is not valid JSON", [{ path: "(body)", message: "expected a JSON object" }]);
  }
}
