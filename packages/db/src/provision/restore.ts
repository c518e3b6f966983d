import type { InStatement } from "@libsql/client/web";
import { BadInput, type BranchExport, Conflict, type ExportTable, type IdPrefix, newId } from "@wuye/core";
import type { Client } from "../client/index.ts";
import { migrate, migrationTags } from "../migrate/index.ts";
import { createEmptyBranchDatabase, quoteIdent } from "./branch.ts";
import { fromCell } from "./export.ts";
import { foreignKeys, parentsFirst } from "./graph.ts";
import { branchDatabaseName, type DatabaseHost, dropDatabase } from "./host.ts";

export interface RestoredBranch {
  branchId: string;
  slug: string;
  trackingPrefix: string;
  dbUrl: string;
  /** True when the exported branch still exists here: the copy got new ids for the branch and its places. */
  copy: boolean;
}

type Rekey = (cell: BranchExport["database"][string]["rows"][number][number]) => ReturnType<typeof fromCell>;
const ID = /\b[a-z]{2,5}_[0-9a-z]{22}\b/g;
const MAX_PARAMS = 900;

/** INSERT statements for a table's rows, chunked under SQLite's parameter limit; names checked against the schema. */
async function insertStatements(db: Pick<Client, "execute">, where: string, table: string, data: ExportTable, rekey: Rekey) {
  const known = (await db.execute({ sql: "SELECT name FROM pragma_table_info(?)", args: [table] })).rows.map((r) => String(r.name));
  const unknown = data.columns.filter((c) => !known.includes(c));
  if (known.length === 0 || unknown.length > 0) {
    throw new BadInput("the export does not fit this schema", [
      { path: `${where}.${table}`, message: known.length ? `unknown column(s) ${unknown.join(", ")}` : "unknown table" },
    ]);
  }
  const head = `INSERT INTO ${quoteIdent(table)} (${data.columns.map(quoteIdent).join(", ")}) VALUES `;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, data.columns.length)));
  const out: InStatement[] = [];
  for (let i = 0; i < data.rows.length; i += perStatement) {
    const rows = data.rows.slice(i, i + perStatement);
    rows.forEach((row, r) => {
      if (row.length !== data.columns.length)
        throw new BadInput("bad row", [{ path: `${where}.${table}.rows.${i + r}`, message: "wrong number of cells" }]);
    });
    out.push({
      sql: head + rows.map((row) => `(${row.map(() => "?").join(", ")})`).join(", "),
      args: rows.flat().map(rekey),
    });
  }
  return out;
}

async function tableStatements(db: Client, where: string, tables: Record<string, ExportTable>, rekey: Rekey): Promise<InStatement[]> {
  const { keys } = await foreignKeys(db);
  const out: InStatement[] = [];
  for (const table of parentsFirst(Object.keys(tables), keys))
    out.push(...(await insertStatements(db, where, table, tables[table]!, rekey)));
  return out;
}

/** New ids for the branch and every row of its control tables, when the original is still here. */
function newIdsFor(file: BranchExport): Map<string, string> {
  const ids = new Map<string, string>();
  for (const table of Object.values(file.control)) {
    const at = table.columns.indexOf("id");
    if (at < 0) continue;
    for (const row of table.rows) {
      const old = row[at];
      const prefix = typeof old === "string" ? /^([a-z]{2,5})_/.exec(old)?.[1] : undefined;
      if (typeof old === "string" && prefix) ids.set(old, newId(prefix as IdPrefix));
    }
  }
  return ids;
}

/**
 * Restores an export into a NEW database registered as a branch under `slug` / `trackingPrefix` (default:
 * the exported ones). Ids are kept when free (a branch restored after its deletion is the same branch, row
 * for row); when the original is still here, the branch and its places get new ids, replaced wherever they
 * appear in the copy's rows. The database is brought to the export's version, loaded, then migrated to the
 * current one; the control rows go in one transaction last. On any failure the new database is dropped.
 */
export async function restoreBranch(opts: {
  host: DatabaseHost;
  control: Client;
  file: BranchExport;
  slug?: string | undefined;
  trackingPrefix?: string | undefined;
}): Promise<RestoredBranch> {
  const { file, control } = opts;
  const known = migrationTags("branch");
  if (file.migrations.length === 0 || file.migrations.some((tag, i) => known[i] !== tag)) {
    throw new BadInput("the export was made by a schema this version does not know", [
      { path: "migrations", message: `expected a prefix of ${known.join(", ")}` },
    ]);
  }
  const branchRows = file.control.branches;
  if (branchRows?.rows.length !== 1)
    throw new BadInput("no branch in the export", [{ path: "control.branches", message: "one row expected" }]);
  const slug = opts.slug ?? file.branch.slug;
  const trackingPrefix = opts.trackingPrefix ?? file.branch.trackingPrefix;
  const inUse = await control.execute({
    sql: "SELECT slug, tracking_prefix FROM branches WHERE slug = ? OR tracking_prefix = ?",
    args: [slug, trackingPrefix],
  });
  for (const row of inUse.rows) {
    if (row.slug === slug) throw new Conflict(`slug ${slug} is in use: restore under another slug`);
    throw new Conflict(`tracking prefix ${trackingPrefix} is in use: restore under another prefix`);
  }
  const copy = (await control.execute({ sql: "SELECT 1 FROM branches WHERE id = ?", args: [file.branch.id] })).rows.length > 0;
  const ids = copy ? newIdsFor(file) : new Map<string, string>();
  const rekey: Rekey = (cell) =>
    typeof cell === "string" && ids.size > 0 ? (ids.get(cell) ?? cell.replace(ID, (m) => ids.get(m) ?? m)) : fromCell(cell);
  const branchId = ids.get(file.branch.id) ?? file.branch.id;

  const { url, client } = await createEmptyBranchDatabase(opts.host, slug);
  try {
    await migrate(client, "branch", { until: file.migrations.at(-1)! });
    const rows = await tableStatements(client, "database", file.database, rekey);
    for (let i = 0; i < rows.length; i += 50) await client.batch(rows.slice(i, i + 50), "write");
    await migrate(client, "branch");
    const own: Record<string, string | number | null> = { slug, tracking_prefix: trackingPrefix, db_url: url };
    // A region deleted since the export: the branch comes back directly under head office.
    const regionAt = branchRows.columns.indexOf("region_id");
    const region = branchRows.rows[0]![regionAt];
    if (
      typeof region === "string" &&
      (await control.execute({ sql: "SELECT 1 FROM regions WHERE id = ?", args: [region] })).rows.length === 0
    ) {
      own.region_id = null;
    }
    const branchRow = branchRows.rows[0]!.map((cell, i) => {
      const column = branchRows.columns[i]!;
      return column in own ? (own[column] ?? null) : cell;
    });
    const controlTables = { ...file.control, branches: { columns: branchRows.columns, rows: [branchRow] } };
    await control.batch(await tableStatements(control, "control", controlTables, rekey), "write");
  } catch (err) {
    await dropDatabase(opts.host, branchDatabaseName(slug)).catch(() => {});
    throw err;
  }
  return { branchId, slug, trackingPrefix, dbUrl: url, copy };
}
