import type { Client } from "@libsql/client/web";
import { MIGRATIONS } from "./generated.ts";

export type DatabaseRole = keyof typeof MIGRATIONS;

/**
 * Applies the checked-in migrations in order, each in one batch with its bookkeeping row. Idempotent.
 * `until` stops after that tag (a restore brings a database to its export's version before loading rows).
 */
export async function migrate(client: Client, role: DatabaseRole, opts: { until?: string } = {}): Promise<string[]> {
  await client.execute("CREATE TABLE IF NOT EXISTS __migrations (tag TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const done = new Set((await client.execute("SELECT tag FROM __migrations")).rows.map((r) => String(r.tag)));
  const applied: string[] = [];
  const all = MIGRATIONS[role];
  const last = opts.until === undefined ? all.length - 1 : all.findIndex((m) => m.tag === opts.until);
  if (last < 0) throw new Error(`unknown ${role} migration ${opts.until}`);
  for (const migration of all.slice(0, last + 1)) {
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

/** The tags a database has applied, in order (empty for a database never migrated). */
export async function appliedMigrations(client: Pick<Client, "execute">): Promise<string[]> {
  const table = await client.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__migrations'");
  if (table.rows.length === 0) return [];
  return (await client.execute("SELECT tag FROM __migrations ORDER BY tag")).rows.map((r) => String(r.tag));
}

/** Every tag of a database role, in order: the version a fully migrated database is at. */
export const migrationTags = (role: DatabaseRole): string[] => MIGRATIONS[role].map((m) => m.tag);
