// Recomputes the supervision facts from every branch database (they are derived data):
//   CONTROL_DB_URL=… SUPERVISION_DB_URL=… LIBSQL_AUTH_TOKEN=… pnpm --filter @wuye/infra rebuild-facts
import { DbEnvSchema, openDatabases, rebuildFacts } from "@wuye/db";

const env = DbEnvSchema.parse(process.env);
const started = Date.now();
const { requests } = await rebuildFacts(openDatabases(env), started);
console.log(`rebuilt the facts of ${requests} requests in ${Date.now() - started} ms`);
