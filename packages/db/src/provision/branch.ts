import { Conflict, defaultBranchSettings } from "@wuye/core";
import { type Client, type ControlDb, createLibsqlClient } from "../client/index.ts";
import { migrate } from "../migrate/index.ts";
import { branches, branchSettings, branchSettingsHistory } from "../schema/control.ts";
import { branchDatabaseName, createDatabase, type DatabaseHost, databaseToken } from "./host.ts";

export interface BranchInput {
  id: string;
  orgId: string;
  regionId: string | null;
  slug: string;
  trackingPrefix: string;
  name: string;
  nameEn: string;
  servicePhone: string;
  complaintPhone: string;
  timeZone?: string;
}

/**
 * Ordinary tables of a database besides SQLite's and the migrations' own bookkeeping. Virtual tables (full-text
 * indexes) and their shadow tables are left out: they are derived, and their triggers rebuild them as rows load.
 */
export async function userTables(client: Pick<Client, "execute">): Promise<string[]> {
  const res = await client.execute(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'libsql_%' AND name <> '__migrations' ORDER BY name",
  );
  return res.rows.map((r) => String(r.name));
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A branch's database, new or found empty (a provisioning that stopped half-way), never one holding data:
 * a new branch must not inherit rows. Returns its URL and a client on it.
 */
export async function createEmptyBranchDatabase(host: DatabaseHost, slug: string): Promise<{ url: string; client: Client }> {
  const db = await createDatabase(host, branchDatabaseName(slug));
  const client = createLibsqlClient({ url: db.url, authToken: databaseToken(host) });
  if (!db.created) {
    for (const table of await userTables(client)) {
      const any = await client.execute(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`);
      if (any.rows.length > 0) throw new Conflict(`a database named ${db.name} exists and holds data`);
    }
  }
  return { url: db.url, client };
}

/**
 * A tenant: its own database, migrated, then its row and default settings in the control database.
 * Idempotent (the demo seed runs it on every start); `fresh` refuses a database that already holds data.
 */
export async function provisionBranch(
  host: DatabaseHost,
  control: ControlDb,
  input: BranchInput,
  opts: { fresh?: boolean } = {},
): Promise<{ dbUrl: string }> {
  const { url, client } = opts.fresh
    ? await createEmptyBranchDatabase(host, input.slug)
    : await createDatabase(host, branchDatabaseName(input.slug)).then((db) => ({
        url: db.url,
        client: createLibsqlClient({ url: db.url, authToken: databaseToken(host) }),
      }));
  await migrate(client, "branch");
  const now = Date.now();
  await control
    .insert(branches)
    .values({ ...input, timeZone: input.timeZone ?? "Asia/Shanghai", dbUrl: url, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: branches.id, set: { dbUrl: url, updatedAt: now } });
  await control
    .insert(branchSettings)
    .values({ branchId: input.id, settings: defaultBranchSettings(), version: 1, updatedAt: now })
    .onConflictDoNothing();
  await control
    .insert(branchSettingsHistory)
    .values({ branchId: input.id, version: 1, settings: defaultBranchSettings(), createdAt: now })
    .onConflictDoNothing();
  return { dbUrl: url };
}
