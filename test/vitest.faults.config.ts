import { defineConfig } from "vitest/config";

// Fault tests: each file starts its own stack (libSQL server + wrangler dev) on free ports and a temp dir.
// `test:faults` runs them all; `test:faults:quick` (part of `npm test`) leaves out the one that cannot
// take under a minute (notify-channel-down: a one-minute outage, then the backoff's drain, ≈ 2 min).
export default defineConfig({
  test: {
    include: ["faults/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
