import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { startTestDatabases } from "@wuye/infra";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const dbs = await startTestDatabases();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.test.jsonc" },
        miniflare: {
          bindings: { ENVIRONMENT: "test", CONTROL_DB_URL: dbs.controlUrl, SUPERVISION_DB_URL: dbs.supervisionUrl, LIBSQL_AUTH_TOKEN: dbs.token },
        },
      }),
    ],
    test: { testTimeout: 30_000, hookTimeout: 60_000, include: ["test/**/*.test.ts"], globalSetup: ["@wuye/infra/test-teardown"] },
  };
});
