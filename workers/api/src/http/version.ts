import { BadInput } from "@wuye/core";
import type { Context } from "hono";

/** The version a client saw, from If-Match (`"3"`, `W/"3"` or `3`); null when the header is absent. */
export function ifMatchVersion(c: Context): number | null {
  const raw = c.req.header("if-match");
  if (raw === undefined) return null;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!m) throw new BadInput("bad If-Match header", [{ path: "If-Match", message: 'expected the version as "N"' }]);
  return Number(m[1]);
}

export const etagOf = (version: number) => `"${version}"`;
