// CPU profile of the workers under load: starts the stack as the load benchmark does, drives the bare
// insert and public intake with autocannon, and records a V8 CPU profile of every user worker (api,
// deadlines, notify) through workerd's own inspector (Chrome DevTools Protocol) for each phase, together
// with each process's CPU time from /proc. Prints CPU ms per acknowledged request per process, then self
// and total time by function and by package/file (mapped through wrangler's source maps), and writes the
// `.cpuprofile` files (open them in Chrome DevTools' Performance panel).
//
// Why not Date.now() inside the worker: workerd's clock only advances on I/O, so pure CPU work takes 0 ms.
//
// Run: pnpm --filter @wuye/test exec tsx load/profile.ts
//   PROFILE_DURATION (s per phase, default 15), PROFILE_CONNECTIONS (default 16),
//   PROFILE_PHASES (comma list of bare, intake, list, tracking, detail, tracking304, detail304; default bare,intake;
//   the read phases poll requests made by a short intake burst first), PROFILE_INTERVAL_US (sampling, default 100),
//   PROFILE_TOP (rows per table, default 25), PROFILE_OUT (directory for the .cpuprofile files),
//   PROFILE_ALL=1 (also miniflare's own isolates: more profiler overhead).
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { ROOT } from "@wuye/infra/stack";
import { bareRequest, type Figures, intakeRequest, measure, type Req } from "./drive.ts";
import { login, startTempStack } from "./lib.ts";
import { pollPhases } from "./reads.ts";

const BRANCH = "yangguang";
const DURATION = Number(process.env.PROFILE_DURATION ?? 15);
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 16);
const PHASES = (process.env.PROFILE_PHASES ?? "bare,intake").split(",").map((p) => p.trim());
const INTERVAL_US = Number(process.env.PROFILE_INTERVAL_US ?? 100);
const TOP = Number(process.env.PROFILE_TOP ?? 25);
const ALL = process.env.PROFILE_ALL === "1";
const OUT = resolve(process.env.PROFILE_OUT ?? join(tmpdir(), `wuye-profile-${Date.now()}`));
/** The isolates whose frames are broken down; every other isolate's JavaScript time is only totalled. */
const WORKERS = ["wuye-api", "wuye-deadlines", "wuye-notify"];
const TICK_MS = 10; // /proc/<pid>/stat counts CPU in clock ticks of 10 ms (USER_HZ = 100 on Linux)

// ---- processes: the stack's children, found from this process down ----

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      // Fields after "(comm)": state, ppid, ...
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {}
  }
  return out;
}

function descendants(pid: number): number[] {
  const all: number[] = [];
  for (let queue = [pid]; queue.length; ) {
    for (const c of childrenOf(queue.shift()!)) {
      all.push(c);
      queue.push(c);
    }
  }
  return all;
}

const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");

/** User + system CPU of a process so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

/** TCP ports a process listens on (its socket inodes matched against /proc/net/tcp). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {}
  }
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[3] === "0A" && inodes.has(f[9]!)) // 0A = LISTEN
    .map((f) => Number.parseInt(f[1]!.split(":")[1]!, 16));
}

interface StackProcesses {
  /** The workerd running the workers (started with an inspector). */
  user: number;
  /** wrangler's own workerd in front of it (the public port): every request passes through both. */
  proxy: number | undefined;
  libsql: number | undefined;
  inspectorPort: number;
}

async function findProcesses(): Promise<StackProcesses> {
  const procs = descendants(process.pid).map((pid) => ({ pid, cmd: cmdline(pid) }));
  const workerds = procs.filter((p) => /\/workerd serve /.test(p.cmd));
  const user = workerds.find((p) => p.cmd.includes("--inspector-addr"));
  if (!user) throw new Error(`no workerd with an inspector among ${procs.length} child processes`);
  let inspectorPort: number | undefined;
  for (const port of listeningPorts(user.pid)) {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{ id: string }>;
      if (targets.some((t) => t.id.startsWith("core:user:"))) inspectorPort = port;
    } catch {}
  }
  if (!inspectorPort) throw new Error("workerd's inspector port not found");
  return {
    user: user.pid,
    proxy: workerds.find((p) => p !== user)?.pid,
    libsql: procs.find((p) => p.cmd.includes("libsql-server"))?.pid,
    inspectorPort,
  };
}

// ---- the Chrome DevTools Protocol over Node's WebSocket ----

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

class Cdp {
  #next = 0;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(private ws: WebSocket) {
    ws.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = msg.id === undefined ? undefined : this.#pending.get(msg.id);
      if (!waiter) return; // events
      this.#pending.delete(msg.id!);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    };
  }

  static async connect(url: string): Promise<Cdp> {
    // Node's WebSocket (undici) takes headers as an extension; the inspector wants a local Origin.
    const ws = new WebSocket(url, { headers: { origin: "http://127.0.0.1" } } as unknown as string[]);
    await new Promise((res, rej) => {
      ws.onopen = res;
      ws.onerror = () => rej(new Error(`inspector connection to ${url} failed`));
    });
    return new Cdp(ws);
  }

  /** An isolate that has not run yet may never answer: give up after `timeoutMs`. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<T> {
    const id = ++this.#next;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  close() {
    this.ws.close();
  }
}

// ---- source maps: wrangler bundles each worker into .wrangler/tmp/dev-*/index.js(.map) ----

function latestSourceMap(worker: string): { map: SourceMap; dir: string } | undefined {
  const tmp = join(ROOT, "workers", worker.replace(/^wuye-/, ""), ".wrangler", "tmp");
  if (!existsSync(tmp)) return undefined;
  const maps = readdirSync(tmp)
    .filter((d) => d.startsWith("dev-"))
    .map((d) => join(tmp, d, "index.js.map"))
    .filter((f) => existsSync(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return maps[0] ? { map: new SourceMap(JSON.parse(readFileSync(maps[0], "utf8"))), dir: join(maps[0], "..") } : undefined;
}

/** "drizzle-orm", "@libsql/hrana-client", or a workspace file such as "packages/db/src/repo/request.ts". */
function fileOf(source: string, dir: string): string {
  const path = relative(ROOT, resolve(dir, source.replace(/^file:\/\//, "")));
  return path.startsWith("..") ? source : path;
}
function packageOf(file: string): string {
  const i = file.lastIndexOf("node_modules/");
  if (i >= 0) {
    const [a, b] = file.slice(i + "node_modules/".length).split("/");
    return a!.startsWith("@") ? `${a}/${b}` : a!;
  }
  const ws = /^(packages|workers)\/([^/]+)\//.exec(file);
  return ws ? `${ws[1]}/${ws[2]}` : file;
}

// ---- summaries ----

interface Frame {
  fn: string;
  file: string;
  pkg: string;
  where: string;
}

function summarize(worker: string, profile: CpuProfile, requests: number) {
  const sm = latestSourceMap(worker);
  const frames = new Map<number, Frame>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    let file = url || "(native)";
    let where = url ? `${url}:${lineNumber + 1}` : "";
    if (sm && url && lineNumber >= 0) {
      const e = sm.map.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number };
      if (e.originalSource) {
        file = fileOf(e.originalSource, sm.dir);
        where = `${file.replace(/^.*node_modules\//, "")}:${(e.originalLine ?? 0) + 1}`;
      }
    }
    const fn = functionName || (url ? "(anonymous)" : "(native)");
    frames.set(n.id, { fn, file, pkg: /^\(.*\)$/.test(fn) && !url ? fn : packageOf(file), where });
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // V8 samples an isolate only while it runs, so a sample's time delta also spans whatever ran in between
  // (other isolates, idle waits): a sample counts for at most a few sampling intervals.
  const cap = 3 * INTERVAL_US;
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + Math.min(profile.timeDeltas[i] ?? 0, cap) / 1000);
  const idle = [...self].filter(([id]) => frames.get(id)!.fn === "(idle)").reduce((s, [, ms]) => s + ms, 0);
  const wall = (profile.endTime - profile.startTime) / 1000;
  const busy = [...self].reduce((s, [, ms]) => s + ms, 0) - idle;

  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const selfBy = { fn: new Map<string, number>(), file: new Map<string, number>(), pkg: new Map<string, number>() };
  const totalBy = { fn: new Map<string, number>(), pkg: new Map<string, number>() };
  for (const [id, ms] of self) {
    const f = frames.get(id)!;
    if (f.fn === "(idle)") continue;
    add(selfBy.fn, `${f.fn}  ${f.where}`, ms);
    add(selfBy.file, f.file, ms);
    add(selfBy.pkg, f.pkg, ms);
    // Total (inclusive) time: each distinct function and package once per stack.
    const seenFn = new Set<string>();
    const seenPkg = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const g = frames.get(n)!;
      if (g.fn === "(root)") continue;
      const key = `${g.fn}  ${g.where}`;
      if (!seenFn.has(key)) add(totalBy.fn, key, ms), seenFn.add(key);
      if (!seenPkg.has(g.pkg)) add(totalBy.pkg, g.pkg, ms), seenPkg.add(g.pkg);
    }
  }
  const perReq = requests > 0 ? busy / requests : Number.NaN;
  console.log(
    `\n### ${worker}: ${busy.toFixed(0)} ms of JavaScript in ${wall.toFixed(0)} ms (${((100 * busy) / wall).toFixed(0)} % of one thread), ${perReq.toFixed(2)} ms per acknowledged request${sm ? "" : " (no source map found)"}`,
  );
  if (busy < 1 || !WORKERS.includes(worker)) return;
  const print = (title: string, m: Map<string, number>, n = TOP) => {
    console.log(`\n${title}`);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(
        `  ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${(requests ? (1000 * ms) / requests : 0).toFixed(0).padStart(6)} µs/req  ${k}`,
      );
    }
  };
  print("self time by package", selfBy.pkg, 20);
  print("total time by package (inclusive: callees in other packages counted too)", totalBy.pkg, 20);
  print("self time by file", selfBy.file);
  print("self time by function", selfBy.fn);
  print("total time by function", totalBy.fn, TOP * 2);
}

// ---- main ----

async function main() {
  mkdirSync(OUT, { recursive: true });
  console.log(
    `profiler: ${DURATION} s per phase, ${CONNECTIONS} connections, sampling every ${INTERVAL_US} µs, phases ${PHASES.join(", ")}; profiles in ${OUT}`,
  );
  const temp = await startTempStack("wuye-profile-");
  // wrangler runs detached: stop the stack on Ctrl-C or a timeout's SIGTERM too, or it outlives us.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void temp.close().finally(() => process.exit(130)));
  try {
    const { stack } = temp;
    const procs = await findProcesses();
    console.log(
      `stack at ${stack.url}; workerd ${procs.user} (inspector ${procs.inspectorPort}), wrangler's proxy workerd ${procs.proxy ?? "?"}, libsql ${procs.libsql ?? "?"}`,
    );
    const made = { codes: [] as string[], ids: [] as string[] };
    const intake = intakeRequest(BRANCH, "profile", (b) => {
      made.codes.push(b.trackingCode);
      made.ids.push(b.id);
    });
    const phases: Record<string, Req[] | (() => Promise<Req[]>)> = { bare: [bareRequest(BRANCH)], intake: [intake] };
    if (PHASES.some((p) => !(p in phases))) {
      await measure("requests to read", stack.url, [intake], { duration: 3, connections: 4 });
      const token = await login(stack.url, `agent@${BRANCH}.demo.example`, "Demo@2026");
      Object.assign(phases, await pollPhases(stack.url, token, made.codes, made.ids));
    }
    const requestsOf = async (p: string) => {
      const r = phases[p];
      if (!r) throw new Error(`unknown phase ${p} (${Object.keys(phases).join(", ")})`);
      return typeof r === "function" ? r() : r;
    };

    // Warm-up (workerd compiles lazily), unprofiled.
    for (const p of PHASES) await measure(`warm-up ${p}`, stack.url, await requestsOf(p), { duration: 3, connections: 4 });

    // The workers' isolates, or with PROFILE_ALL=1 every isolate workerd runs (miniflare's own too: entry,
    // assets, queue broker, outbound, log collector), the others only totalled.
    const listed = (await (await fetch(`http://127.0.0.1:${procs.inspectorPort}/json`)).json()) as Array<{ id: string }>;
    const targets = ALL ? listed : listed.filter((t) => WORKERS.includes(t.id.replace(/^core:user:/, "")));
    // workerd reads an isolate's inspector messages when the isolate runs: keep the api busy meanwhile.
    let attaching = true;
    const poke = (async () => {
      while (attaching)
        await fetch(`${stack.url}/api/v1/health`).then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
    })();
    const sessions = new Map<string, Cdp>();
    for (const { id } of targets) {
      const w = id.replace(/^core:user:/, "");
      // An isolate may miss the first message while it is between requests: ask again, on a new session.
      for (let attempt = 1; attempt <= 5 && !sessions.has(w); attempt++) {
        const cdp = await Cdp.connect(`ws://127.0.0.1:${procs.inspectorPort}/${id}`);
        try {
          await cdp.send("Profiler.enable", {}, 3000);
          await cdp.send("Profiler.setSamplingInterval", { interval: INTERVAL_US });
          sessions.set(w, cdp);
        } catch (err) {
          if (attempt === 5) console.log(`${w} not profiled (${(err as Error).message}; an isolate that has not run yet does not answer)`);
          cdp.close();
        }
      }
    }
    attaching = false;
    await poke;

    for (const phase of PHASES) {
      const req = await requestsOf(phase);
      for (const cdp of sessions.values()) await cdp.send("Profiler.start");
      const pids = {
        "workerd (workers)": procs.user,
        "workerd (wrangler proxy)": procs.proxy,
        "libsql server": procs.libsql,
        "this process (autocannon)": process.pid,
      };
      const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid ? cpuMs(pid) : 0]));
      const started = Date.now();
      const figures: Figures = await measure(phase, stack.url, req, { duration: DURATION, connections: CONNECTIONS });
      const seconds = (Date.now() - started) / 1000;
      const profiles = new Map<string, CpuProfile>();
      for (const [w, cdp] of sessions) profiles.set(w, (await cdp.send<{ profile: CpuProfile }>("Profiler.stop")).profile);

      console.log(
        `\n## ${phase}: ${figures.ok} acknowledged (${figures.reqPerSec.toFixed(1)}/s, p50 ${figures.p50} / p95 ${figures.p95} / p99 ${figures.p99} ms), statuses ${JSON.stringify(figures.statuses)}`,
      );
      console.log("CPU by process (from /proc):");
      for (const [k, pid] of Object.entries(pids)) {
        if (!pid) continue;
        const ms = cpuMs(pid) - before[k]!;
        console.log(
          `  ${k.padEnd(26)} ${((100 * ms) / (seconds * 1000)).toFixed(0).padStart(4)} % of a core  ${(ms / Math.max(1, figures.ok)).toFixed(2).padStart(7)} ms per request`,
        );
      }
      for (const [w, profile] of profiles) {
        writeFileSync(join(OUT, `${phase}-${w}.cpuprofile`), JSON.stringify(profile));
        summarize(w, profile, figures.ok);
      }
    }
    for (const cdp of sessions.values()) cdp.close();
  } finally {
    await temp.close();
  }
}

await main().catch((err) => {
  console.error("profiler failed:", err);
  process.exitCode = 1;
});
process.exit();
