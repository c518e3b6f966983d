// Shared by the fault tests (each file starts its own stack through ../load/lib.ts): polling, public
// intake, and the check that the supervision facts of a set of requests match their branch rows.
import type { Stack } from "@wuye/infra/stack";
import { branchDb, type Client, intakeOf, sleep, supervisionDb } from "../load/lib.ts";

export async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 300): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface Created {
  id: string;
  trackingCode: string;
  urgency: string;
  milestones: Array<{ name: string; dueAt: string }>;
}

/** Public intake of request number n (its own phone, IP and text); throws unless 201. */
export async function createPublic(
  stack: Stack,
  branch: string,
  n: number,
  tag: string,
  extra: Record<string, unknown> = {},
): Promise<Created> {
  const { body, ip } = intakeOf(n, tag, extra);
  const res = await fetch(`${stack.url}/api/v1/public/branches/${branch}/requests`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`intake #${n}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Created;
}

const marks = (xs: unknown[]) => xs.map(() => "?").join(",");

async function rowsIn(db: Client, sql: string, ids: string[]) {
  const rows = [];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    rows.push(...(await db.execute({ sql: sql.replace("(?)", `(${marks(chunk)})`), args: chunk })).rows);
  }
  return rows;
}

export interface FactsCheck {
  requests: number;
  /** Requests with exactly one request_facts row. */
  withRequestFact: number;
  milestones: number;
  /** Milestone facts whose request, name, start, due and status equal the branch's milestone row. */
  matchingMilestoneFacts: number;
  /** Milestone facts with no branch milestone (or of another request). */
  strayMilestoneFacts: number;
  /** The created events of these requests, and how many of them are marked processed (once each). */
  events: number;
  processedEvents: number;
  mismatches: string[];
}

/** Compares the supervision facts of `requestIds` with their branch rows (milestones, created events). */
export async function checkFacts(stack: Stack, branch: string, requestIds: string[]): Promise<FactsCheck> {
  const bdb = branchDb(stack, branch);
  const sdb = supervisionDb(stack);
  const milestones = await rowsIn(
    bdb,
    "select id, request_id, name, start_at, due_at, status from milestones where request_id in (?)",
    requestIds,
  );
  const events = await rowsIn(bdb, "select id from request_events where type = 'request.created' and request_id in (?)", requestIds);
  const requestFacts = await rowsIn(
    sdb,
    "select request_id, count(*) as n from request_facts where request_id in (?) group by request_id",
    requestIds,
  );
  const milestoneFacts = await rowsIn(
    sdb,
    "select milestone_id, request_id, name, start_at, due_at, status from milestone_facts where request_id in (?)",
    requestIds,
  );
  const eventIds = events.map((e) => String(e.id));
  const processed = await rowsIn(sdb, "select event_id from processed_events where event_id in (?)", eventIds);

  const mismatches: string[] = [];
  const byId = new Map(milestones.map((m) => [String(m.id), m]));
  let matching = 0;
  let stray = 0;
  for (const f of milestoneFacts) {
    const m = byId.get(String(f.milestone_id));
    if (!m || m.request_id !== f.request_id) {
      stray++;
      mismatches.push(`stray milestone fact ${String(f.milestone_id)}`);
      continue;
    }
    const same = (["name", "start_at", "due_at", "status"] as const).every((k) => String(m[k]) === String(f[k]));
    if (same) matching++;
    else mismatches.push(`milestone ${String(m.id)}: branch ${JSON.stringify(m)} vs fact ${JSON.stringify(f)}`);
  }
  const withFact = new Set(milestoneFacts.map((f) => String(f.milestone_id)));
  for (const m of milestones) if (!withFact.has(String(m.id))) mismatches.push(`milestone ${String(m.id)} has no fact`);
  const withRequestFact = requestFacts.filter((r) => Number(r.n) === 1).length;
  if (withRequestFact !== requestIds.length)
    mismatches.push(`${requestIds.length - withRequestFact} requests without exactly one request fact`);
  return {
    requests: requestIds.length,
    withRequestFact,
    milestones: milestones.length,
    matchingMilestoneFacts: matching,
    strayMilestoneFacts: stray,
    events: events.length,
    processedEvents: processed.length,
    mismatches,
  };
}
