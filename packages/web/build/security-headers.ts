import { cspValue, HSTS, PAGE_CSP, PAGE_HEADERS } from "@wuye/core/http";
import type { Plugin } from "vite";

/**
 * Writes the static assets' `_headers` file (Workers static assets apply it to every page) from core's policy,
 * the same one the api worker sends. HSTS is in it too: browsers ignore it over plain HTTP (RFC 6797 §8.1).
 */
export function securityHeadersFile(): Plugin {
  return {
    name: "security-headers-file",
    apply: "build",
    generateBundle() {
      const lines = ["/*", `  Content-Security-Policy: ${cspValue(PAGE_CSP)}`, `  Strict-Transport-Security: ${HSTS}`];
      for (const [name, value] of Object.entries(PAGE_HEADERS)) lines.push(`  ${name}: ${value}`);
      this.emitFile({ type: "asset", fileName: "_headers", source: `${lines.join("\n")}\n` });
    },
  };
}
