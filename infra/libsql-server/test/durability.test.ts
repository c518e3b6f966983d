import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, tmpDir } from "./helpers.ts";

const pkgDir = path.resolve(import.meta.dirname, "..");
const children: ChildProcess[] = [];

function startCli(dataDir: string, port = 0): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "--data-dir", dataDir, "--port", String(port), "--token", "dur-token", "--quiet"],
    { cwd: pkgDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out} ${err}`)), 20_000);
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /libsql-server listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited early with ${code}: ${out} ${err}`));
    });
  });
}

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  children.length = 0;
});

describe("durability", () => {
  it("keeps every acknowledged write across kill -9", async () => {
    const dataDir = tmpDir("libsql-durability-");
    const first = await startCli(dataDir);
    const dbUrl = await createDb(first.url, "dur", "dur-token");
    const setup = createClient({ url: dbUrl, authToken: "dur-token" });
    await setup.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, worker INTEGER NOT NULL, payload TEXT NOT NULL)");
    setup.close();

    const acked = new Set<number>();
    let stop = false;
    const workers = Array.from({ length: 8 }, async (_, w) => {
      const c = createClient({ url: dbUrl, authToken: "dur-token" });
      for (let i = 0; !stop; i++) {
        const id = w * 1_000_000 + i;
        try {
          if (i % 3 === 0) {
            const tx = await c.transaction("write");
            await tx.execute({ sql: "INSERT INTO events VALUES (?, ?, ?)", args: [id, w, `tx-${id}`] });
            await tx.commit();
          } else if (i % 3 === 1) {
            await c.batch([{ sql: "INSERT INTO events VALUES (?, ?, ?)", args: [id, w, `batch-${id}`] }], "write");
          } else {
            await c.execute({ sql: "INSERT INTO events VALUES (?, ?, ?)", args: [id, w, `exec-${id}`] });
          }
          acked.add(id);
        } catch {
          break; // server died
        }
      }
      c.close();
    });
    // let the load run, then kill the server hard in the middle of it
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    expect(acked.size).toBeGreaterThan(50);

    const second = await startCli(dataDir);
    const c = createClient({ url: `${second.url}/db/dur/`, authToken: "dur-token" });
    const rs = await c.execute("SELECT id FROM events");
    const present = new Set(rs.rows.map((r) => Number(r.id)));
    const missing = [...acked].filter((id) => !present.has(id));
    console.log(`durability: ${acked.size} acknowledged inserts, ${present.size} rows present after kill -9, ${missing.length} missing`);
    expect(missing).toEqual([]);
    const integrity = await c.execute("PRAGMA integrity_check");
    expect(integrity.rows[0]?.[0]).toBe("ok");
    c.close();

    // graceful shutdown on SIGTERM
    const exited = new Promise<number | null>((r) => second.child.on("exit", (code) => r(code)));
    second.child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
