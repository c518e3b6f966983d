// Backs up one branch to a file: `pnpm --filter @wuye/infra backup --branch <slug> [--out FILE]`.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { backupBranch } from "@wuye/db";
import { opsFromEnv } from "../ops/context.ts";

const { values } = parseArgs({ options: { branch: { type: "string" }, out: { type: "string" } } });
if (!values.branch) throw new Error("--branch <slug> is required");
const ops = opsFromEnv();
const branch = await ops.dbs.branch({ slug: values.branch });
if (!branch) throw new Error(`no branch ${values.branch}`);
const file = await backupBranch(ops.dbs, branch, Date.now());
const out = values.out ?? `branch-${branch.slug}-${file.exportedAt.slice(0, 10)}.json`;
writeFileSync(out, JSON.stringify(file));
const rows = Object.values(file.database).reduce((n, t) => n + t.rows.length, 0);
console.log(
  `backed up ${branch.slug}: ${Object.keys(file.database).length} tables, ${rows} rows, version ${file.migrations.at(-1)} → ${out}`,
);
