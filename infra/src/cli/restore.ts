// Restores a backup into a new database: `pnpm --filter @wuye/infra restore --file FILE [--slug S] [--prefix P]`.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { restoreBackup } from "@wuye/db";
import { opsFromEnv } from "../ops/context.ts";

const { values } = parseArgs({ options: { file: { type: "string" }, slug: { type: "string" }, prefix: { type: "string" } } });
if (!values.file) throw new Error("--file <backup.json> is required");
const ops = opsFromEnv();
const restored = await restoreBackup(ops.dbs, ops.host, JSON.parse(readFileSync(values.file, "utf8")), {
  slug: values.slug,
  trackingPrefix: values.prefix?.toUpperCase(),
});
console.log(
  `restored as ${restored.slug} (${restored.trackingPrefix}), branch ${restored.branchId}, database ${restored.dbUrl}${restored.copy ? " — a copy: new ids" : ""}`,
);
