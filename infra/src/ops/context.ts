import { type DatabaseHost, type Databases, databaseToken, hostFromVars, openDatabases } from "@wuye/db";

/** What an operator command works on: the deployment's databases and the host that creates new ones. */
export interface Ops {
  host: DatabaseHost;
  dbs: Databases;
  token: string;
}

export function opsFor(host: DatabaseHost, urls: { controlUrl: string; supervisionUrl: string }): Ops {
  const token = databaseToken(host);
  return {
    host,
    token,
    dbs: openDatabases({ CONTROL_DB_URL: urls.controlUrl, SUPERVISION_DB_URL: urls.supervisionUrl, LIBSQL_AUTH_TOKEN: token }),
  };
}

/** From the environment: CONTROL_DB_URL, SUPERVISION_DB_URL, and LIBSQL_SERVER_URL or TURSO_* (database-host). */
export function opsFromEnv(env: NodeJS.ProcessEnv = process.env): Ops {
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`${k} is required`);
    return v;
  };
  return opsFor(hostFromVars(env), { controlUrl: need("CONTROL_DB_URL"), supervisionUrl: need("SUPERVISION_DB_URL") });
}
