import { type Column, getTableColumns, getTableName, type InferSelectModel, type Table } from "drizzle-orm";

// Polled reads fetch each row as ONE JSON text cell (`json_object` of its columns) instead of one cell per column:
// the libSQL client decodes every cell of a result on its own, which cost more CPU than the query itself
// (profiled: a register page of 26 rows × 40 columns). The SQL is written once per isolate from the schema, so a
// column added to a table is read without touching these statements.

const columnsOf = new WeakMap<object, Array<[string, Column]>>();
/** The table's columns by key, or only those of `keys` (a constant array: its entries are kept by its identity). */
const columns = (table: Table, keys?: readonly string[]) => {
  let found = columnsOf.get(keys ?? table);
  if (!found) {
    found = Object.entries(getTableColumns(table)).filter(([key]) => !keys || keys.includes(key));
    columnsOf.set(keys ?? table, found);
  }
  return found;
};

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quotedTable = (table: Table) => quoted(getTableName(table));
export const quotedColumn = (column: Column) => quoted(column.name);

/** `json_object('<key>', <alias>."<column>", …)` of every column of `table` (or those of `keys`), keyed as drizzle keys its rows. */
export function jsonRowSql(table: Table, alias: string, keys?: readonly string[]): string {
  return `json_object(${columns(table, keys)
    .map(([key, c]) => `'${key}', ${alias}.${quoted(c.name)}`)
    .join(", ")})`;
}

/**
 * A scalar sub-select: the JSON array of `table`'s rows (or of their `keys`) whose `of` column equals `value` (SQL),
 * in `order`. The order is the inner select's: SQLite's `json_group_array` keeps it.
 */
export function jsonRowsSql(of: Column, value: string, order: Column[], keys?: readonly string[]): string {
  const table = of.table;
  return `(select json_group_array(${jsonRowSql(table, "x", keys)}) from (select * from ${quoted(getTableName(table))}
    where ${quoted(of.name)} = ${value} order by ${order.map((c) => quoted(c.name)).join(", ")}) x)`;
}

/** The row drizzle would have read, from its `jsonRowSql` object: each column's own mapping (JSON text, booleans). */
export function rowFromJson<T extends Table>(table: T, row: Record<string, unknown>): InferSelectModel<T>;
export function rowFromJson<T extends Table, K extends keyof InferSelectModel<T>>(
  table: T,
  row: Record<string, unknown>,
  keys: readonly K[],
): Pick<InferSelectModel<T>, K>;
export function rowFromJson(table: Table, row: Record<string, unknown>, keys?: readonly string[]) {
  for (const [key, c] of columns(table, keys)) {
    const value = row[key];
    row[key] = value === null || value === undefined ? null : c.mapFromDriverValue(value);
  }
  return row;
}

/** The rows of a `jsonRowsSql` cell (of the same `keys`). */
export function rowsFromJson<T extends Table>(table: T, cell: unknown): Array<InferSelectModel<T>>;
export function rowsFromJson<T extends Table, K extends keyof InferSelectModel<T>>(
  table: T,
  cell: unknown,
  keys: readonly K[],
): Array<Pick<InferSelectModel<T>, K>>;
export function rowsFromJson(table: Table, cell: unknown, keys?: readonly string[]) {
  return typeof cell === "string"
    ? (JSON.parse(cell) as Array<Record<string, unknown>>).map((r) => rowFromJson(table, r, keys as never))
    : [];
}

/** A value built on first use and kept for the isolate's life (statements written from the schema). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
