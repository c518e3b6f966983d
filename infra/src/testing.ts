// Real databases for tests: the project's libSQL server on a random port over a fresh folder,
// provisioned and seeded exactly as `pnpm dev` does it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createControlDb } from "@wuye/db";
import { startServer } from "@wuye/libsql-server";
import type { DatabaseHost } from "./database-host.ts";
import { provisionGroup } from "./provision.ts";
import { type DemoLogin, seedDemo } from "./seed.ts";

export interface TestDatabases {
  host: DatabaseHost;
  serverUrl: string;
  token: string;
  controlUrl: string;
  supervisionUrl: string;
  logins: DemoLogin[];
  close(): Promise<void>;
}

export async function startTestDatabases(opts: { seed?: boolean } = {}): Promise<TestDatabases> {
  const dataDir = mkdtempSync(join(tmpdir(), "wuye-test-"));
  const token = `test-${Math.random().toString(36).slice(2)}`;
  const server = await startServer({ dataDir, port: 0, authToken: token });
  const host: DatabaseHost = { kind: "local", serverUrl: server.url, authToken: token };
  const { controlUrl, supervisionUrl } = await provisionGroup(host);
  const logins = opts.seed === false ? [] : await seedDemo(host, createControlDb({ url: controlUrl, authToken: token }));
  const dbs: TestDatabases = {
    host,
    serverUrl: server.url,
    token,
    controlUrl,
    supervisionUrl,
    logins,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Picked up by `@wuye/infra/test-teardown` to close the server when vitest ends.
  (globalThis as { __wuyeTestDatabases?: TestDatabases }).__wuyeTestDatabases = dbs;
  return dbs;
}
