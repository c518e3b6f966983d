import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type BranchMigration, type MigrationReport, migrateBranches, migrationTags } from "@wuye/db";
import type { Ops } from "./context.ts";

/**
 * Migrates every branch database and writes the report to `reportFile` after each branch, so an
 * interrupted run leaves what it did. With `resume`, branches the previous report shows done are skipped
 * and only the failed or never reached ones are visited.
 */
export async function migrateAll(
  ops: Ops,
  opts: { reportFile?: string; resume?: boolean; concurrency?: number } = {},
): Promise<MigrationReport> {
  const previous: MigrationReport | null =
    opts.resume && opts.reportFile && existsSync(opts.reportFile) ? JSON.parse(readFileSync(opts.reportFile, "utf8")) : null;
  const target = migrationTags("branch").at(-1)!;
  const done = new Map((previous?.branches ?? []).filter((b) => b.status !== "failed" && b.after === target).map((b) => [b.slug, b]));
  const all = await ops.dbs.branches();
  const todo = all.filter((b) => !done.has(b.slug));
  const results = new Map<string, BranchMigration>(done);
  const save = () => {
    if (!opts.reportFile) return;
    const report: MigrationReport = { target, branches: all.flatMap((b) => results.get(b.slug) ?? []) };
    writeFileSync(opts.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  };
  const report = await migrateBranches(todo, {
    authToken: ops.token,
    concurrency: opts.concurrency,
    onBranch: (r) => {
      results.set(r.slug, r);
      save();
    },
  });
  save();
  return { target: report.target, branches: all.flatMap((b) => results.get(b.slug) ?? []) };
}

/** One line per branch, then a summary: what an operator reads. */
export function formatReport(report: MigrationReport): string {
  const lines = report.branches.map(
    (b) => `${b.status.padEnd(8)} ${b.slug.padEnd(24)} ${b.before ?? "(none)"} → ${b.after ?? "(none)"}${b.error ? `  ${b.error}` : ""}`,
  );
  const failed = report.branches.filter((b) => b.status === "failed");
  lines.push(
    `${report.branches.length} branch databases, target ${report.target}: ${report.branches.length - failed.length} at target, ${failed.length} failed${
      failed.length ? ` (${failed.map((b) => b.slug).join(", ")})` : ""
    }`,
  );
  return lines.join("\n");
}
