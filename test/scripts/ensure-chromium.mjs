// The browser tests use Debian's Chromium (never a downloaded browser). Installs it when missing and we are root.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// A CJK font, so that screenshots of the zh-CN pages show Chinese rather than empty boxes.
const CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
const missing = [...(existsSync(CHROMIUM) ? [] : ["chromium"]), ...(existsSync(CJK_FONT) ? [] : ["fonts-wqy-zenhei"])];
if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.error(`Missing Debian packages for the browser tests: run "sudo apt-get install -y ${missing.join(" ")}" and retry.`);
    process.exit(1);
  }
  console.log(`[e2e] installing Debian packages: ${missing.join(", ")}…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, { stdio: "inherit" });
}
