import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "@wuye/infra/stack";
import { describe, expect, it } from "vitest";
import { send } from "./probe.ts";

/** The api worker bundled as `wrangler deploy` would upload it (nothing is uploaded: --dry-run). */
function bundle(extra: string[]): string {
  const out = mkdtempSync(join(tmpdir(), "wuye-bundle-"));
  try {
    execFileSync(join(ROOT, "workers", "api", "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out, ...extra], {
      cwd: join(ROOT, "workers", "api"),
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      stdio: "ignore",
    });
    return readFileSync(join(out, "index.js"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe("dev routes", () => {
  it("are not in the production bundle at all, and are in the local stack's", () => {
    const marker = "/bare-insert/:branch";
    expect(bundle([])).not.toContain(marker);
    expect(bundle(["--define", "__DEV_ROUTES__:true"])).toContain(marker);
  });

  it("answer in the development stack", async () => {
    expect((await send("GET", "/dev/outbox?branch=yangguang")).status).toBe(200);
  });
});
