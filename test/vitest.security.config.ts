import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["security/**/*.test.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
