import type { Client } from "@libsql/client/web";
import { MIGRATIONS } from "./generated.ts";

export type DatabaseRole = keyof typeof MIGRATIONS;

/** Applies the checked-in migrations in order, each in one batch with its bookkeeping row. Idempotent. */
export async function migrate(client: Client, role: DatabaseRole): Promise<string[]> {
  await client.execute("CREATE TABLE IF NOT EXISTS __migrations (tag TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const done = new Set((await client.execute("SELECT tag FROM __migrations")).rows.map((r) => String(r.tag)));
  const applied: string[] = [];
  for (const migration of MIGRATIONS[role]) {
    if (done.has(migration.tag)) continue;
    try {
      await client.batch(
        [...migration.statements, { sql: "INSERT INTO __migrations (tag, applied_at) VALUES (?, ?)", args: [migration.tag, Date.now()] }],
        "write",
      );
      applied.push(migration.tag);
    } catch (err) {
      // Another process may have applied it concurrently: fine if the tag is there now.
      const again = await client.execute({ sql: "SELECT 1 FROM __migrations WHERE tag = ?", args: [migration.tag] });
      if (again.rows.length === 0) throw err;
    }
  }
  return applied;
}
