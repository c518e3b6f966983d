// Migrates every branch database: `pnpm --filter @wuye/infra migrate-all [--report FILE] [--resume]`.
// Exit code 1 when any branch failed; run it again (with --resume, only the failed and unreached ones).
import { parseArgs } from "node:util";
import { opsFromEnv } from "../ops/context.ts";
import { formatReport, migrateAll } from "../ops/migrate-all.ts";

const { values } = parseArgs({
  options: {
    report: { type: "string", default: "migrate-report.json" },
    resume: { type: "boolean", default: false },
    concurrency: { type: "string" },
  },
});
const report = await migrateAll(opsFromEnv(), {
  reportFile: values.report,
  resume: values.resume,
  concurrency: values.concurrency ? Number(values.concurrency) : undefined,
});
console.log(formatReport(report));
console.log(`report written to ${values.report}`);
process.exitCode = report.branches.some((b) => b.status === "failed") ? 1 : 0;
