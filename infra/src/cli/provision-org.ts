// Provisions an organization from one YAML or JSON file: `pnpm --filter @wuye/infra provision-org --file org.yaml`.
// Idempotent: what exists (by slug, name, number or email) is left alone.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { opsFromEnv } from "../ops/context.ts";
import { parseOrgFile } from "../ops/org-file.ts";
import { provisionOrganization } from "../ops/provision-org.ts";

const { values } = parseArgs({ options: { file: { type: "string" } } });
if (!values.file) throw new Error("--file <org.yaml|org.json> is required");
const { created } = await provisionOrganization(opsFromEnv(), parseOrgFile(readFileSync(values.file, "utf8")));
console.log(
  `created: ${Object.entries(created)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ")}`,
);
