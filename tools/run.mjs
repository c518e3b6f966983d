#!/usr/bin/env node
// Runs with whatever Node the machine has (20+). Brings Node 22 and pnpm from the npm registry into
// .tools/ when missing, installs the workspace, then hands the rest of the command line to pnpm.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tools = join(root, ".tools");
const toolBin = join(tools, "node_modules", ".bin");
const NODE_SPEC = "node@22";
const PNPM_SPEC = "pnpm@12.21.0";

const log = (msg) => process.stderr.write(`[run] ${msg}\n`);

function run(cmd, args, env = process.env) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function nodeIsRecent(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function ensureTools() {
  const wanted = [];
  if (!nodeIsRecent(process.version) && !existsSync(join(toolBin, "node"))) wanted.push(NODE_SPEC);
  if (!existsSync(join(toolBin, "pnpm"))) wanted.push(PNPM_SPEC);
  if (wanted.length === 0) return;
  mkdirSync(tools, { recursive: true });
  log(`installing ${wanted.join(", ")} into .tools/ from the npm registry`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const status = run(npm, ["install", "--prefix", tools, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", ...wanted]);
  if (status !== 0) process.exit(status);
}

function toolEnv() {
  const path = [toolBin, process.env.PATH ?? ""].join(delimiter);
  return {
    ...process.env,
    PATH: path,
    TURBO_TELEMETRY_DISABLED: "1",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    DO_NOT_TRACK: "1",
  };
}

function installIsCurrent() {
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (!existsSync(marker) || !existsSync(lock)) return false;
  return statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

ensureTools();
const env = toolEnv();
const nodeVersion = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();
if (!nodeIsRecent(nodeVersion)) {
  log(`node ${nodeVersion} on PATH is too old even after bootstrap`);
  process.exit(1);
}
if (!installIsCurrent()) {
  const frozen = existsSync(join(root, "pnpm-lock.yaml")) && process.env.CI ? ["--frozen-lockfile"] : [];
  const status = run("pnpm", ["install", ...frozen], env);
  if (status !== 0) process.exit(status);
}
const args = process.argv.slice(2);
if (args.length === 0) process.exit(0);
process.exit(run("pnpm", args, env));
