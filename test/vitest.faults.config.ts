import { defineConfig } from "vitest/config";

// Fault tests: each file starts its own stack (libSQL server + wrangler dev) on free ports and a temp dir.
export default defineConfig({
  test: {
    include: ["faults/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
