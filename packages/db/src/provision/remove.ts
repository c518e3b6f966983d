import type { Client } from "../client/index.ts";
import { quoteIdent } from "./branch.ts";
import { foreignKeys, parentsFirst, rowsBelow } from "./graph.ts";
import { type DatabaseHost, databaseNameOf, dropDatabase } from "./host.ts";

/** Supervision tables keyed by branch (facts, rollups, reports…), found by their `branch_id` column. */
async function supervisionTablesWith(supervision: Client, column: string): Promise<string[]> {
  const res = await supervision.execute({
    sql: "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = ?) AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'branch_id')",
    args: [column],
  });
  return res.rows.map((r) => String(r.name));
}

/** Head office's figures follow a branch that moves to another region: its history now counts there. */
export async function moveBranchFacts(supervision: Client, branchId: string, regionId: string | null): Promise<void> {
  const tables = await supervisionTablesWith(supervision, "region_id");
  if (tables.length === 0) return;
  await supervision.batch(
    tables.map((t) => ({ sql: `UPDATE ${quoteIdent(t)} SET region_id = ? WHERE branch_id = ?`, args: [regionId, branchId] })),
    "write",
  );
}

/**
 * Deletes a branch: every control row hanging off it (places, settings, its staff and their tokens…, children
 * first, in one transaction), its PII-free facts in the supervision database, then its database itself.
 */
export async function deleteBranch(opts: {
  host: DatabaseHost;
  control: Client;
  supervision: Client;
  branch: { id: string; dbUrl: string };
}): Promise<void> {
  const { keys } = await foreignKeys(opts.control);
  const below = rowsBelow({ table: "branches", where: '"id" = :branch' }, keys);
  const childrenFirst = parentsFirst([...below.keys()], keys).reverse();
  await opts.control.batch(
    childrenFirst.map((t) => ({ sql: `DELETE FROM ${quoteIdent(t)} WHERE ${below.get(t)}`, args: { branch: opts.branch.id } })),
    "write",
  );
  const facts = await supervisionTablesWith(opts.supervision, "branch_id");
  await opts.supervision.batch(
    facts.map((t) => ({ sql: `DELETE FROM ${quoteIdent(t)} WHERE branch_id = ?`, args: [opts.branch.id] })),
    "write",
  );
  const name = databaseNameOf(opts.host, opts.branch.dbUrl);
  if (name) await dropDatabase(opts.host, name);
}
