import { workerTestConfig } from "@wuye/infra/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(() =>
  workerTestConfig({
    extraBindings: (dbs) => ({
      JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
      TEST_LOGINS: JSON.stringify(dbs.logins),
      TEST_LIBSQL_URL: dbs.serverUrl,
      // The admin API creates branch databases on this server (Turso in production: TURSO_* vars).
      LIBSQL_SERVER_URL: dbs.serverUrl,
    }),
  }),
);
