import { BRANCH_EXPORT_FORMAT, BRANCH_EXPORT_VERSION, type BranchExport, type ExportCell, type ExportTable } from "@wuye/core";
import type { ResultSet } from "@libsql/client/web";
import type { Client } from "../client/index.ts";
import { appliedMigrations } from "../migrate/index.ts";
import { quoteIdent, userTables } from "./branch.ts";
import { dependants, foreignKeys, rowsBelow } from "./graph.ts";

type Reader = Pick<Client, "execute">;
const PAGE = 1000;

/**
 * Staff accounts are the organization's, not the branch's data: an export never carries them (nor password
 * hashes, tokens, or anything hanging off a staff row). A restored branch gets its staff anew.
 */
export const NOT_EXPORTED = "staff";

export function toCell(value: unknown): ExportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return { $blob: btoa(s) };
  }
  return value as string | number;
}

export function fromCell(cell: ExportCell): string | number | null | Uint8Array {
  if (cell === null || typeof cell !== "object") return cell;
  const bin = atob(cell.$blob);
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

/** One table's rows (optionally filtered), paged by rowid so a large table is read in slices. */
export async function readTable(db: Reader, table: string, where = "1", args: Record<string, string> = {}): Promise<ExportTable> {
  const out: ExportTable = { columns: [], rows: [] };
  for (let after: number | null = null; ; ) {
    const res: ResultSet = await db.execute({
      sql: `SELECT rowid AS "__rowid__", * FROM ${quoteIdent(table)} WHERE (${where})${after === null ? "" : " AND rowid > :__after"} ORDER BY rowid LIMIT ${PAGE}`,
      args: after === null ? args : { ...args, __after: after },
    });
    if (out.columns.length === 0) out.columns = res.columns.slice(1);
    for (const row of res.rows) out.rows.push(res.columns.slice(1).map((_, i) => toCell(row[i + 1])));
    if (res.rows.length < PAGE) return out;
    after = Number(res.rows[res.rows.length - 1]![0]);
  }
}

/** The control rows that belong to a branch: the branch row and every row hanging off it, staff excepted. */
export async function branchControlTables(control: Client): Promise<Map<string, string>> {
  const { keys } = await foreignKeys(control);
  return rowsBelow({ table: "branches", where: '"id" = :branch' }, keys, dependants(NOT_EXPORTED, keys));
}

/**
 * A branch as one file: every table of its database, read in one read transaction (a consistent snapshot),
 * and its control rows. Nothing is changed.
 */
export async function exportBranch(opts: {
  control: Client;
  database: Client;
  branch: { id: string; slug: string; trackingPrefix: string };
  now: number;
}): Promise<BranchExport> {
  const control: BranchExport["control"] = {};
  for (const [table, where] of await branchControlTables(opts.control)) {
    control[table] = await readTable(opts.control, table, where, { branch: opts.branch.id });
  }
  const database: BranchExport["database"] = {};
  const tx = await opts.database.transaction("read");
  let migrations: string[];
  try {
    migrations = await appliedMigrations(tx);
    for (const table of await userTables(tx)) database[table] = await readTable(tx, table);
  } finally {
    tx.close();
  }
  return {
    format: BRANCH_EXPORT_FORMAT,
    version: BRANCH_EXPORT_VERSION,
    exportedAt: new Date(opts.now).toISOString(),
    branch: { id: opts.branch.id, slug: opts.branch.slug, trackingPrefix: opts.branch.trackingPrefix },
    migrations,
    control,
    database,
  };
}
