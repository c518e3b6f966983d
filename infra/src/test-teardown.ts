// Vitest global setup whose teardown closes the databases a config started (see `startTestDatabases`).
import type { TestDatabases } from "./testing.ts";

export default function setup() {
  return async () => {
    const dbs = (globalThis as { __wuyeTestDatabases?: TestDatabases }).__wuyeTestDatabases;
    await dbs?.close();
  };
}
