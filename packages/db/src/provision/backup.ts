import { BadInput, type BranchExport, BranchExportSchema } from "@wuye/core";
import type { BranchRow } from "../repo/branch-directory.ts";
import { rebuildBranchFacts } from "../repo/facts.ts";
import { type Databases, forgetCachedBranches } from "../runtime/index.ts";
import { exportBranch } from "./export.ts";
import type { DatabaseHost } from "./host.ts";
import { type RestoredBranch, restoreBranch } from "./restore.ts";

/** One branch as an export file's content: its database, read as one snapshot, and its control rows. */
export function backupBranch(dbs: Databases, branch: BranchRow, now: number): Promise<BranchExport> {
  return exportBranch({ control: dbs.control.$client, database: dbs.branchDb(branch).$client, branch, now });
}

/**
 * Checks an uploaded file, restores it into a new database and branch, and rebuilds that branch's
 * head-office facts. The same path for the operator command and the admin API.
 */
export async function restoreBackup(
  dbs: Databases,
  host: DatabaseHost,
  content: unknown,
  target: { slug?: string | undefined; trackingPrefix?: string | undefined; orgId?: string } = {},
): Promise<RestoredBranch> {
  const parsed = BranchExportSchema.safeParse(content);
  if (!parsed.success) {
    throw new BadInput(
      "not a branch export",
      parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join(".") || "(file)", message: i.message })),
    );
  }
  const { orgId, ...where } = target;
  if (orgId && exportedValue(parsed.data, "org_id") !== orgId) {
    throw new BadInput("this export belongs to another organization", [
      { path: "control.branches", message: "exported from another organization" },
    ]);
  }
  const restored = await restoreBranch({ host, control: dbs.control.$client, file: parsed.data, ...where });
  forgetCachedBranches();
  const branch = await dbs.branch({ id: restored.branchId });
  if (branch) await rebuildBranchFacts(dbs, branch, Date.now());
  return restored;
}

/** A column of the exported branch row. */
function exportedValue(file: BranchExport, column: string): unknown {
  const table = file.control.branches;
  return table?.rows[0]?.[table.columns.indexOf(column)];
}
