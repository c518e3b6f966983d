import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@wuye/libsql-server";
import { describe, expect, it } from "vitest";
import { createBranchDb, createLibsqlClient } from "../src/client/index.ts";
import { migrate } from "../src/migrate/index.ts";
import { requests } from "../src/schema/branch.ts";
import { isDatabaseUnavailable } from "../src/runtime/index.ts";

async function errorOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

describe("isDatabaseUnavailable", () => {
  it("is true when the server is down (through drizzle's wrapping)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wuye-down-"));
    const server = await startServer({ dataDir: dir, port: 0, authToken: "t" });
    const url = `${server.url}/db/gone/`;
    await server.close();
    const db = createBranchDb({ url, authToken: "t" });
    expect(isDatabaseUnavailable(await errorOf(() => db.select().from(requests).limit(1)))).toBe(true);
    expect(isDatabaseUnavailable(await errorOf(() => createLibsqlClient({ url, authToken: "t" }).execute("select 1")))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it("is false for bugs and constraint violations", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wuye-up-"));
    const server = await startServer({ dataDir: dir, port: 0, authToken: "t" });
    await fetch(`${server.url}/v1/databases`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: JSON.stringify({ name: "b" }),
    });
    const client = createLibsqlClient({ url: `${server.url}/db/b/`, authToken: "t" });
    await migrate(client, "branch");
    expect(isDatabaseUnavailable(await errorOf(() => client.execute("select * from no_such_table")))).toBe(false);
    await client.execute("insert into outbox (id, topic, payload, created_at) values ('o1', 't', '{}', 1)");
    expect(
      isDatabaseUnavailable(
        await errorOf(() => client.execute("insert into outbox (id, topic, payload, created_at) values ('o1', 't', '{}', 1)")),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
