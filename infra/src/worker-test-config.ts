// One vitest config for every worker: real libSQL (the project's server, provisioned and seeded like
// `pnpm dev`) and real workerd through the Workers vitest integration.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { startTestDatabases, type TestDatabases } from "./testing.ts";

type Options = Exclude<NonNullable<Parameters<typeof cloudflareTest>[0]>, (...args: never[]) => unknown>;
type Miniflare = Options["miniflare"];

export async function workerTestConfig(
  opts: { extraBindings?: (dbs: TestDatabases) => Record<string, string>; miniflare?: Omit<NonNullable<Miniflare>, "bindings"> } = {},
) {
  const dbs = await startTestDatabases();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.test.jsonc" },
        miniflare: {
          ...opts.miniflare,
          bindings: {
            ENVIRONMENT: "test",
            CONTROL_DB_URL: dbs.controlUrl,
            SUPERVISION_DB_URL: dbs.supervisionUrl,
            LIBSQL_AUTH_TOKEN: dbs.token,
            ...opts.extraBindings?.(dbs),
          },
        },
      }),
    ],
    test: { testTimeout: 30_000, hookTimeout: 60_000, include: ["test/**/*.test.ts"], globalSetup: ["@wuye/infra/test-teardown"] },
  };
}
