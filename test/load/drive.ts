// autocannon runs shared by the load benchmark and the profiler: one phase's figures, and the two routes
// they compare (public intake with unique bodies, and the bare one-row insert).
import autocannon from "autocannon";
import { intakeOf } from "./lib.ts";

export type Req = autocannon.Request;

export interface Figures {
  name: string;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

/** One autocannon run; `requests` use setupRequest/onResponse hooks for unique bodies and collected ids. */
export async function measure(
  name: string,
  url: string,
  requests: Req[],
  opts: { duration: number; connections: number },
): Promise<Figures> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((res, rej) => {
    const inst = autocannon({ url, connections: opts.connections, duration: opts.duration, requests, timeout: 10 }, (err, r) =>
      err ? rej(err) : res(r),
    );
    inst.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      latencies.push(responseTime);
    });
  });
  // A 304 is a complete answer to a poll (If-None-Match): it counts as answered, like a 2xx.
  const ok = Object.entries(statuses)
    .filter(([s]) => s.startsWith("2") || s === "304")
    .reduce((n, [, c]) => n + c, 0);
  const total = Object.values(statuses).reduce((n, c) => n + c, 0);
  // autocannon's histogram has no p95: percentiles from every response time (ms) instead.
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? Number.NaN;
  return {
    name,
    reqPerSec: ok / result.duration,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
}

/** A run-wide counter so that every intake body (phone, IP, text) is unique across phases. */
let seq = 0;

/** Public intake, each request its own phone, IP and text (no 429s); `onCreated` sees each 2xx body. */
export function intakeRequest(
  branch: string,
  tag: string,
  onCreated: (created: { id: string; trackingCode: string; milestones: unknown[] }) => void = () => {},
): Req {
  const path = `/api/v1/public/branches/${branch}/requests`;
  return {
    method: "POST",
    path,
    setupRequest: (req: Req) => {
      const { body, ip } = intakeOf(seq++, tag);
      return {
        ...req,
        method: "POST",
        path,
        headers: { "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify(body),
      };
    },
    onResponse: (status: number, body: string) => {
      if (status < 200 || status >= 300) return;
      try {
        onCreated(JSON.parse(body));
      } catch {}
    },
  };
}

/** The baseline: one row inserted through the same runtime, client and database (development only). */
export const bareRequest = (branch: string): Req => ({
  method: "POST",
  path: `/api/v1/dev/bare-insert/${branch}`,
  headers: { "content-type": "application/json" },
  body: "{}",
});
