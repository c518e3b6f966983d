import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, freePort, type Stack, startStack } from "@wuye/infra/stack";
import type { TestProject } from "vitest/node";

let stack: Stack | undefined;
let dataDir: string | undefined;

// The whole system as the README starts it (libSQL server, migrations, seed, wrangler dev), on free ports.
export async function setup(project: TestProject) {
  execFileSync(process.execPath, [join(ROOT, "test", "scripts", "ensure-chromium.mjs")], { stdio: "inherit" });
  execFileSync("pnpm", ["--filter", "@wuye/web", "build"], { cwd: ROOT, stdio: "inherit" });
  dataDir = mkdtempSync(join(tmpdir(), "wuye-e2e-"));
  stack = await startStack({ dataDir, port: await freePort(), sweepSeconds: 0, quiet: !process.env.E2E_VERBOSE });
  project.provide("baseUrl", stack.url);
  project.provide("logins", JSON.stringify(stack.logins));
}

export async function teardown() {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    logins: string;
  }
}
