// Starts the whole system locally: the libSQL server, the databases (created, migrated, seeded) and
// `wrangler dev` running the three workers with local queues. Used by `pnpm dev`, the end-to-end tests
// and the load benchmark, so all three exercise the same start-up path.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { createControlDb } from "@wuye/db";
import type { DatabaseHost } from "./database-host.ts";
import { provisionGroup } from "./provision.ts";
import { type DemoLogin, seedDemo } from "./seed.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");
const WORKERS = ["api", "deadlines", "notify"] as const;

export interface StackOptions {
  dataDir?: string;
  port?: number;
  libsqlPort?: number;
  /** Seconds between sweeps triggered through the dev route (crons never fire in wrangler dev). 0 = off. */
  sweepSeconds?: number;
  log?: (line: string) => void;
  quiet?: boolean;
  /**
   * Extra vars for one worker of this stack only (the fault tests' switches, e.g. `FAULT_FAIL_EVERY`).
   * They go to a copy of that worker's wrangler config and `.dev.vars` under the data dir, never to the
   * shared `workers/<name>/.dev.vars`, so no other stack or test run started from this tree sees them.
   */
  workerVars?: Partial<Record<WorkerName, Record<string, string>>>;
}

type WorkerName = (typeof WORKERS)[number];

export interface Stack {
  url: string;
  libsqlUrl: string;
  libsqlToken: string;
  dataDir: string;
  logins: DemoLogin[];
  libsql: ChildProcess;
  restartLibsql(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

function secrets(dataDir: string): { libsqlToken: string; jwtSecret: string } {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const s = { libsqlToken: randomBytes(24).toString("hex"), jwtSecret: randomBytes(32).toString("hex") };
  writeFileSync(file, JSON.stringify(s), { mode: 0o600 });
  return s;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((res, rej) => {
    let seen = "";
    const timer = setTimeout(() => rej(new Error(`${what} did not start within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = pattern.exec(seen);
      if (m) {
        clearTimeout(timer);
        res(m[0]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`${what} exited with ${code}:\n${seen.slice(-2000)}`));
    });
  });
}

function pipeLog(child: ChildProcess, prefix: string, log: (l: string) => void) {
  const each = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) log(`${prefix} ${line}`);
  };
  child.stdout?.on("data", each);
  child.stderr?.on("data", each);
}

async function startLibsql(dataDir: string, port: number, token: string, log: (l: string) => void): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "infra", "libsql-server", "src", "cli.ts"),
      "--data-dir",
      join(dataDir, "libsql"),
      "--port",
      String(port),
      "--token",
      token,
    ],
    { cwd: join(ROOT, "infra", "libsql-server"), stdio: ["ignore", "pipe", "pipe"] },
  );
  await waitForLine(child, /listening on http:\/\/\S+/, "libsql server");
  pipeLog(child, "[libsql]", log);
  return child;
}

/** The api serves the built web front end: build it when missing (a fresh clone), or always with `rebuild`. */
export function buildWeb(rebuild = false): void {
  if (!rebuild && existsSync(join(ROOT, "packages", "web", "dist", "index.html"))) return;
  console.log("building the web front end…");
  execFileSync("pnpm", ["--filter", "@wuye/web", "build"], { cwd: ROOT, stdio: "inherit" });
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const dataDir = resolve(opts.dataDir ?? join(ROOT, ".data"));
  const log = opts.quiet ? () => {} : (opts.log ?? ((l: string) => console.log(l)));
  buildWeb();
  mkdirSync(dataDir, { recursive: true });
  const { libsqlToken, jwtSecret } = secrets(dataDir);
  const libsqlPort = opts.libsqlPort ?? (await freePort());
  const port = opts.port ?? 8787;
  const libsqlUrl = `http://127.0.0.1:${libsqlPort}`;

  let libsql = await startLibsql(dataDir, libsqlPort, libsqlToken, log);
  // A start-up that fails half-way stops what it started: no libSQL server or wrangler left behind it.
  const started: ChildProcess[] = [libsql];
  const abandon = async (err: unknown): Promise<never> => {
    await Promise.all(started.map(killTree));
    throw err;
  };
  const host: DatabaseHost = { kind: "local", serverUrl: libsqlUrl, authToken: libsqlToken };
  const { controlUrl, supervisionUrl } = await provisionGroup(host).catch(abandon);
  const control = createControlDb({ url: controlUrl, authToken: libsqlToken });
  const logins = await seedDemo(host, control).catch(abandon);
  writeFileSync(join(dataDir, "demo-logins.json"), `${JSON.stringify(logins, null, 2)}\n`);

  const devVars = [
    "ENVIRONMENT=development",
    `CONTROL_DB_URL=${controlUrl}`,
    `SUPERVISION_DB_URL=${supervisionUrl}`,
    `LIBSQL_AUTH_TOKEN=${libsqlToken}`,
    // Where the admin API creates new branch databases (production: TURSO_ORG, TURSO_PLATFORM_TOKEN…).
    `LIBSQL_SERVER_URL=${libsqlUrl}`,
    `JWT_SECRET=${jwtSecret}`,
  ].join("\n");
  for (const w of WORKERS) writeFileSync(join(ROOT, "workers", w, ".dev.vars"), `${devVars}\n`);
  const configs = WORKERS.map((w) => workerConfig(w, dataDir, devVars, opts.workerVars?.[w]));

  const wranglerBin = join(ROOT, "workers", "api", "node_modules", ".bin", "wrangler");
  const wrangler = spawn(
    wranglerBin,
    [
      "dev",
      ...configs.flatMap((c) => ["-c", c]),
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      join(dataDir, "wrangler"),
      "--show-interactive-dev-session=false",
      "--define",
      "__DEV_ROUTES__:true",
      "--log-level",
      "warn",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        WRANGLER_HIDE_BANNER: "true",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        CI: "true",
      },
      detached: true,
    },
  );
  started.push(wrangler);
  pipeLog(wrangler, "[wrangler]", log);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, wrangler).catch(abandon);

  let sweepTimer: NodeJS.Timeout | undefined;
  if (opts.sweepSeconds !== 0) {
    sweepTimer = setInterval(
      () => {
        fetch(`${url}/api/v1/dev/sweep`, { method: "POST" }).catch(() => {});
      },
      (opts.sweepSeconds ?? 60) * 1000,
    );
  }

  return {
    url,
    libsqlUrl,
    libsqlToken,
    dataDir,
    logins,
    get libsql() {
      return libsql;
    },
    async restartLibsql(signal: NodeJS.Signals = "SIGKILL") {
      const exited = new Promise((r) => libsql.once("exit", r));
      libsql.kill(signal);
      await exited;
      libsql = await startLibsql(dataDir, libsqlPort, libsqlToken, log);
    },
    async stop() {
      if (sweepTimer) clearInterval(sweepTimer);
      await Promise.all([killTree(wrangler), killTree(libsql)]);
    },
  };
}

/**
 * The wrangler config of a worker: its own file, or (with extra vars) a copy under the data dir whose
 * `main` points back at the worker's source and whose `.dev.vars` holds the stack's vars plus the extras.
 */
function workerConfig(w: WorkerName, dataDir: string, devVars: string, extra: Record<string, string> | undefined): string {
  const own = join(ROOT, "workers", w, "wrangler.jsonc");
  if (!extra || Object.keys(extra).length === 0) return own;
  // The configs are JSON with whole-line `//` comments at most.
  const config = JSON.parse(readFileSync(own, "utf8").replace(/^\s*\/\/.*$/gm, "")) as Record<string, unknown>;
  if (typeof config.main !== "string" || "assets" in config)
    throw new Error(`workerVars: ${w}'s config cannot be copied (relative paths besides main)`);
  for (const [k, v] of Object.entries(extra)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(k) || /[\r\n]/.test(v)) throw new Error(`workerVars: bad var ${k}`);
  }
  const dir = join(dataDir, "wrangler-config", w);
  mkdirSync(dir, { recursive: true });
  const { $schema: _schema, ...rest } = config;
  writeFileSync(join(dir, "wrangler.json"), JSON.stringify({ ...rest, main: join(ROOT, "workers", w, config.main) }, null, 2));
  writeFileSync(
    join(dir, ".dev.vars"),
    `${devVars}\n${Object.entries(extra)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  return join(dir, "wrangler.json");
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const started = Date.now();
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error("wrangler dev exited during start-up (see its log above)");
    try {
      // Bounded: a port held by something else may accept the connection and never answer.
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url}/api/v1/health did not answer 200 within ${timeoutMs} ms`);
}

function killTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    child.once("exit", () => res());
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {}
      child.kill("SIGKILL");
    }, 5000).unref();
  });
}
