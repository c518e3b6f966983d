import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, type RunningServer, type ServerOptions } from "../src/index.ts";

export function tmpDir(prefix = "libsql-server-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function start(opts: Partial<ServerOptions> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tmpDir();
  const s = await startServer({ dataDir, ...opts });
  return { ...s, dataDir };
}

export async function createDb(url: string, name: string, token?: string): Promise<string> {
  const res = await fetch(`${url}/v1/databases`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { url_path: string };
  return `${url}${body.url_path}`;
}
