// Which API operations the web's screens call, read from the web's source: every `api.…` / `staffApi.…` chain of
// the typed client (hono's `hc`) ending in `.$get(` / `.$post(` …, and every chain handed to a component that calls
// it (the CSV link calls `$get`). Aliases (`const notice = staffApi.console.notices[":id"]`) are followed, and an
// index by a variable (`actions[step]`) stands for any one path segment.

export interface Operation {
  method: string;
  /** OpenAPI path without the /api/v1 base, parameters as `:` (`/console/requests/:/take`). */
  path: string;
}

const ROOTS = ["api", "staffApi"];
const SEGMENT = String.raw`(?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:"[^"]*"|'[^']*'|[A-Za-z_$][\w$.]*)\s*\])`;

/** `.console.notices[":id"]` → ["console", "notices", ":"]; a variable index → "*". */
function segmentsOf(chain: string): string[] {
  const out: string[] = [];
  for (const m of chain.matchAll(new RegExp(SEGMENT, "g"))) {
    const s = m[0].trim();
    if (s.startsWith(".")) out.push(s.slice(1).trim());
    else {
      const inner = s.slice(1, -1).trim();
      const literal = /^["'](.*)["']$/.exec(inner)?.[1];
      out.push(literal === undefined ? "*" : literal.startsWith(":") ? ":" : literal);
    }
  }
  return out;
}

/** The operations one source file calls. */
export function callsIn(source: string): Operation[] {
  const roots = new Map<string, string[]>(ROOTS.map((r) => [r, []]));
  // Aliases: `const x = staffApi.a.b;` (only chains without a method call).
  for (const m of source.matchAll(new RegExp(String.raw`const\s+(\w+)\s*=\s*(${ROOTS.join("|")})((?:${SEGMENT})+)\s*;`, "g"))) {
    roots.set(m[1]!, [...(roots.get(m[2]!) ?? []), ...segmentsOf(m[3]!)]);
  }
  const out: Operation[] = [];
  const names = [...roots.keys()].join("|");
  const chain = new RegExp(String.raw`(?<![\w$.])(${names})((?:${SEGMENT})+)`, "g");
  for (const m of source.matchAll(chain)) {
    const segs = [...roots.get(m[1]!)!, ...segmentsOf(m[2]!)];
    const last = segs.at(-1) ?? "";
    const method = /^\$(get|post|put|patch|delete)$/.exec(last)?.[1];
    if (method) out.push({ method, path: `/${segs.slice(0, -1).join("/")}` });
    else if (/^\s*[},]/.test(source.slice((m.index ?? 0) + m[0].length)) && segs.length > 1) {
      // A chain handed over whole (`endpoint={staffApi.hq.overview}`): the receiver reads it with `$get`.
      out.push({ method: "get", path: `/${segs.join("/")}` });
    }
  }
  return out;
}

/** `/api/v1/console/requests/{id}/take` → `/console/requests/:/take`. */
export const normalize = (openApiPath: string) => openApiPath.replace(/^\/api\/v1/, "").replace(/\{[^}]+\}/g, ":");

/** Whether a call (with `*` wildcards) reaches an operation. */
export function reaches(call: Operation, op: Operation): boolean {
  if (call.method !== op.method) return false;
  const a = call.path.split("/");
  const b = op.path.split("/");
  return a.length === b.length && a.every((s, i) => s === "*" || s === b[i]);
}
