// The foreign keys of a database, read from SQLite itself, so that what belongs to a branch (and in what
// order it is copied or deleted) follows the schema as other tables are added, without a list to keep.
import type { Client } from "../client/index.ts";
import { quoteIdent, userTables } from "./branch.ts";

export interface ForeignKey {
  child: string;
  from: string;
  parent: string;
  to: string;
}

export async function foreignKeys(client: Pick<Client, "execute">): Promise<{ tables: string[]; keys: ForeignKey[] }> {
  const tables = await userTables(client);
  const keys: ForeignKey[] = [];
  for (const child of tables) {
    const res = await client.execute({ sql: 'SELECT "table" AS parent, "from", "to" FROM pragma_foreign_key_list(?)', args: [child] });
    for (const r of res.rows) keys.push({ child, from: String(r.from), parent: String(r.parent), to: String(r.to ?? "id") });
  }
  return { tables, keys };
}

/** Parents before children (Kahn); references to tables outside `tables` and to themselves are ignored. */
export function parentsFirst(tables: string[], keys: ForeignKey[]): string[] {
  const inSet = new Set(tables);
  const parents = new Map(
    tables.map((t) => [t, new Set(keys.filter((k) => k.child === t && k.parent !== t && inSet.has(k.parent)).map((k) => k.parent))]),
  );
  const order: string[] = [];
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !order.includes(t) && [...parents.get(t)!].every((p) => order.includes(p)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${tables.filter((t) => !order.includes(t)).join(", ")}`);
    order.push(...ready);
  }
  return order;
}

/** Every table whose rows hang off one row of `root` (by foreign keys, transitively), each with its `WHERE`. */
export function rowsBelow(root: { table: string; where: string }, keys: ForeignKey[], skip: Set<string> = new Set()): Map<string, string> {
  const reached = dependants(root.table, keys, skip);
  const where = new Map<string, string>([[root.table, root.where]]);
  for (const table of parentsFirst([...reached], keys)) {
    if (table === root.table) continue;
    const via = keys.filter((k) => k.child === table && k.parent !== table && where.has(k.parent));
    where.set(
      table,
      via
        .map((k) => `${quoteIdent(k.from)} IN (SELECT ${quoteIdent(k.to)} FROM ${quoteIdent(k.parent)} WHERE ${where.get(k.parent)})`)
        .join(" OR "),
    );
  }
  return where;
}

/** Tables reachable from `from` by foreign keys (its dependants), `from` included, not going through `skip`. */
export function dependants(from: string, keys: ForeignKey[], skip: Set<string> = new Set()): Set<string> {
  const out = new Set([from]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of keys) {
      if (out.has(k.parent) && !out.has(k.child) && !skip.has(k.child)) {
        out.add(k.child);
        grew = true;
      }
    }
  }
  return out;
}
