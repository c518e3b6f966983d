// Head-office and region queries are always scoped: org always, region for a region supervisor, optionally one branch.

export interface Scope {
  orgId: string;
  regionId: string | null;
  branchId?: string | undefined;
}

/** The scope as a SQL condition: org always, region for a region supervisor, optionally one branch. */
export function scopeWhere(scope: Scope, alias = ""): { sql: string; args: Array<string | number> } {
  const p = alias ? `${alias}.` : "";
  const parts = [`${p}org_id = ?`];
  const args: Array<string | number> = [scope.orgId];
  if (scope.regionId) {
    parts.push(`${p}region_id = ?`);
    args.push(scope.regionId);
  }
  if (scope.branchId) {
    parts.push(`${p}branch_id = ?`);
    args.push(scope.branchId);
  }
  return { sql: parts.join(" and "), args };
}
