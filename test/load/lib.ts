// Shared helpers for the load benchmark and the fault tests: the stack on temp dirs and free ports,
// unique intake bodies (the public limits are per phone, per IP and per text), and database counts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLibsqlClient } from "@wuye/db";
import { freePort, type Stack, type StackOptions, startStack } from "@wuye/infra/stack";

export type Client = ReturnType<typeof createLibsqlClient>;

export interface TempStack {
  stack: Stack;
  close(): Promise<void>;
}

export async function startTempStack(
  prefix: string,
  verbose = !!process.env.LOAD_VERBOSE,
  opts: Pick<StackOptions, "workerVars" | "log"> = {},
): Promise<TempStack> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const stack = await startStack({ dataDir, port: await freePort(), sweepSeconds: 0, quiet: !verbose && !opts.log, ...opts });
  return {
    stack,
    async close() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const branchDb = (stack: Stack, slug: string): Client =>
  createLibsqlClient({ url: `${stack.libsqlUrl}/db/branch-${slug}/`, authToken: stack.libsqlToken });
export const supervisionDb = (stack: Stack): Client =>
  createLibsqlClient({ url: `${stack.libsqlUrl}/db/supervision/`, authToken: stack.libsqlToken });

/** A run-unique salt so that two runs against one data dir never collide on phone, IP or text. */
const salt = Math.floor(Math.random() * 1000);

/** Request number n: its own phone (11 digits), its own client IP, its own text. */
export function intakeOf(n: number, tag = "load", extra: Record<string, unknown> = {}) {
  const phone = `139${String(salt * 100_000 + (n % 100_000)).padStart(8, "0")}`;
  const m = n + salt * 100_000;
  const ip = `10.${(m >> 16) & 255}.${(m >> 8) & 255}.${m & 255}`;
  const body = {
    kind: "repair",
    category: n % 2 ? "door-window" : "small-repair",
    description: `${tag} #${n}-${salt}: ${n % 2 ? "卧室门关不上" : "厨房灯不亮"}`,
    contact: { name: "压测住户", phone },
    location: { area: `${(n % 12) + 1}栋` },
    ...extra,
  };
  return { body, ip, phone };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rows of `select <col> from <table> where <col> in (...)` for many ids, in chunks. */
export async function present(db: Client, table: string, col: string, ids: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const rs = await db.execute({
      sql: `select ${col} as id, count(*) as n from ${table} where ${col} in (${chunk.map(() => "?").join(",")}) group by ${col}`,
      args: chunk,
    });
    for (const row of rs.rows) found.set(String(row.id), Number(row.n));
  }
  return found;
}

export async function scalar(db: Client, sql: string, args: Array<string | number> = []): Promise<number> {
  const rs = await db.execute({ sql, args });
  return Number(rs.rows[0]?.[0] ?? 0);
}
