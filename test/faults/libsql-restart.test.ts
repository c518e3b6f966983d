// The libSQL server killed with SIGKILL and restarted while creates with Idempotency-Keys are in flight:
// every answer is a 201 or a 503 with Retry-After (problem+json), never a 500; every acknowledged create
// survives; retrying each failed create with its key afterwards leaves exactly one request per key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { branchDb, intakeOf, present, sleep, startTempStack, type TempStack } from "../load/lib.ts";

const BRANCH = "yangguang";
const WORKERS = 6;

interface Attempt {
  n: number;
  key: string;
  status: number; // 0 = the connection failed
  retryAfter: string | null;
  contentType: string | null;
  id: string | null;
  error?: string;
}

describe("libSQL server SIGKILLed and restarted mid-load", () => {
  let temp: TempStack;
  beforeAll(async () => {
    temp = await startTempStack("wuye-fault-kill-");
  });
  afterAll(async () => {
    await temp?.close();
  });

  async function create(n: number): Promise<Attempt> {
    const { body, ip } = intakeOf(n, "fault-kill");
    const key = `fault-kill-${n}-${body.contact.phone}`;
    try {
      const res = await fetch(`${temp.stack.url}/api/v1/public/branches/${BRANCH}/requests`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip, "idempotency-key": key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let id: string | null = null;
      if (res.status === 201) id = (JSON.parse(text) as { id: string }).id;
      return {
        n,
        key,
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        contentType: res.headers.get("content-type"),
        id,
        ...(res.status >= 400 && res.status !== 503 ? { error: text.slice(0, 300) } : {}),
      };
    } catch (err) {
      return { n, key, status: 0, retryAfter: null, contentType: null, id: null, error: String(err) };
    }
  }

  it("answers 201 or 503 + Retry-After, keeps every acknowledged create, and retries without duplicates", async () => {
    const { stack } = temp;
    expect((await create(99_999)).status).toBe(201); // warm-up (its own phone, IP and text)

    const attempts: Attempt[] = [];
    let next = 0;
    let stop = false;
    const loops = Array.from({ length: WORKERS }, async () => {
      while (!stop) attempts.push(await create(next++));
    });
    await sleep(2_000);
    const killedAt = attempts.length;
    const restartStarted = Date.now();
    await stack.restartLibsql("SIGKILL");
    const restartMs = Date.now() - restartStarted;
    await sleep(3_000);
    stop = true;
    await Promise.all(loops);

    const byStatus: Record<number, number> = {};
    for (const a of attempts) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    console.log(
      `attempts: ${attempts.length} (${killedAt} before the kill), statuses ${JSON.stringify(byStatus)}, libSQL back after ${restartMs} ms`,
    );

    // Never a 500 (or any other failure): 201, or 503 with Retry-After and a problem document.
    const unexpected = attempts.filter((a) => a.status !== 201 && a.status !== 503);
    expect.soft(unexpected, JSON.stringify(unexpected.slice(0, 5))).toEqual([]);
    for (const a of attempts.filter((x) => x.status === 503)) {
      expect(a.retryAfter, `503 for ${a.key} without Retry-After`).toMatch(/^\d+$/);
      expect(a.contentType).toContain("application/problem+json");
    }
    expect(byStatus[201] ?? 0).toBeGreaterThan(0);

    // Every acknowledged create survived the kill.
    const db = branchDb(stack, BRANCH);
    const acked = attempts.filter((a) => a.status === 201).map((a) => a.id!);
    const found = await present(db, "requests", "id", acked);
    expect(acked.filter((id) => !found.has(id))).toEqual([]);

    // Retry every failed create with the same key and body until it is acknowledged (or replayed).
    const failed = attempts.filter((a) => a.status !== 201);
    const retried = new Map<string, Attempt>();
    const deadline = Date.now() + 60_000;
    for (const a of failed) {
      let r = await create(a.n);
      while (r.status !== 201 && Date.now() < deadline) {
        await sleep(500);
        r = await create(a.n);
      }
      expect(r.status, `retry of ${a.key}: ${r.error ?? ""}`).toBe(201);
      retried.set(a.key, r);
    }

    // Exactly one request per key: count rows per description (each key has its own text).
    const all = [...attempts.filter((a) => a.status === 201), ...retried.values()];
    const rows = await db.execute({
      sql: "select description, count(*) as n, min(id) as id from requests where description like 'fault-kill #%' group by description",
      args: [],
    });
    const perText = new Map(rows.rows.map((r) => [String(r.description), { n: Number(r.n), id: String(r.id) }]));
    const keys = new Set(all.map((a) => a.key));
    expect(perText.size).toBe(keys.size + 1); // + the warm-up
    const duplicated = [...perText].filter(([, v]) => v.n !== 1);
    expect(duplicated).toEqual([]);
    // Each key's answer names the row that exists for its text.
    for (const a of all) {
      const text = intakeOf(a.n, "fault-kill").body.description;
      expect(perText.get(text)?.id, a.key).toBe(a.id);
    }
    // The idempotency table agrees: one row per key.
    const idem = await present(db, "idempotency_keys", "key", [...keys]);
    expect([...keys].filter((k) => idem.get(k) !== 1)).toEqual([]);
    console.log(
      `acknowledged during the run: ${acked.length}, failed then retried: ${failed.length}, rows for the run: ${perText.size}, duplicates: ${duplicated.length}`,
    );
  });
});
