// The database host (local libSQL server or Turso) lives in @wuye/db so that the admin API provisions with
// the same code; here it is read from the process environment.
import { type DatabaseHost, hostFromVars } from "@wuye/db";

export { type CreatedDatabase, createDatabase, type DatabaseHost, databaseToken, dropDatabase } from "@wuye/db";

export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseHost {
  return hostFromVars(env);
}
