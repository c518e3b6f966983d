import { defineConfig } from "vite";
import { bundleBudget } from "./build/bundle-budget.ts";
import { securityHeadersFile } from "./build/security-headers.ts";

// Preact through the automatic JSX runtime; no framework plugin needed. The portal, console and head-office
// dashboard are lazy chunks of one SPA (the api worker answers every non-API path with index.html).
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", modulePreload: { polyfill: false } },
  plugins: [
    securityHeadersFile(),
    bundleBudget({
      routes: { portal: "src/portal/index.tsx", console: "src/console/index.tsx", hq: "src/hq/index.tsx", admin: "src/admin/index.tsx" },
      budgetsKb: { portal: 120 },
    }),
  ],
});
