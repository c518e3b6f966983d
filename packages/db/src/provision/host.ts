// Where databases are created: the project's local libSQL server, or Turso (Platform API). The same calls
// for both, chosen by configuration, so provisioning from `infra` and from the admin API is one code path.
// Only fetch: it runs in Node and in a worker alike.
export type DatabaseHost =
  | { kind: "local"; serverUrl: string; authToken: string }
  | { kind: "turso"; organization: string; group: string; platformToken: string; databaseToken: string };

export interface CreatedDatabase {
  name: string;
  url: string;
  /** False when a database of that name was there already. */
  created: boolean;
}

export function databaseToken(host: DatabaseHost): string {
  return host.kind === "local" ? host.authToken : host.databaseToken;
}

/** Turso's database names: lowercase letters, digits and dashes, at most 64. */
export const branchDatabaseName = (slug: string) => `branch-${slug}`;

const tursoBase = (host: Extract<DatabaseHost, { kind: "turso" }>) =>
  `https://api.turso.tech/v1/organizations/${encodeURIComponent(host.organization)}/databases`;
const tursoHeaders = (host: Extract<DatabaseHost, { kind: "turso" }>) => ({
  authorization: `Bearer ${host.platformToken}`,
  "content-type": "application/json",
});

/** Creates (or finds) a database by name and returns its libSQL URL. Idempotent. */
export async function createDatabase(host: DatabaseHost, name: string): Promise<CreatedDatabase> {
  if (host.kind === "local") {
    const res = await fetch(`${host.serverUrl}/v1/databases`, {
      method: "POST",
      headers: { authorization: `Bearer ${host.authToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (!res.ok) throw new Error(`local libSQL server refused database ${name}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { created?: boolean };
    return { name, url: `${host.serverUrl}/db/${name}/`, created: body.created !== false };
  }
  // Turso Platform API: POST /v1/organizations/{org}/databases; 409 means it exists already.
  const headers = tursoHeaders(host);
  const res = await fetch(tursoBase(host), { method: "POST", headers, body: JSON.stringify({ name, group: host.group }) });
  if (res.status === 409) {
    const existing = await fetch(`${tursoBase(host)}/${encodeURIComponent(name)}`, { headers });
    if (!existing.ok) throw new Error(`Turso: database ${name} exists but cannot be read: ${existing.status}`);
    const body = (await existing.json()) as { database: { Hostname: string } };
    return { name, url: `libsql://${body.database.Hostname}`, created: false };
  }
  if (!res.ok) throw new Error(`Turso refused database ${name}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { database: { Hostname: string } };
  return { name, url: `libsql://${body.database.Hostname}`, created: true };
}

/** Drops a database and its data; a database that is already gone is fine. */
export async function dropDatabase(host: DatabaseHost, name: string): Promise<void> {
  const res =
    host.kind === "local"
      ? await fetch(`${host.serverUrl}/v1/databases/${encodeURIComponent(name)}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${host.authToken}` },
        })
      : await fetch(`${tursoBase(host)}/${encodeURIComponent(name)}`, { method: "DELETE", headers: tursoHeaders(host) });
  if (!res.ok && res.status !== 404) throw new Error(`cannot drop database ${name}: ${res.status} ${await res.text()}`);
}

/** The database name of a branch's URL on either host (`…/db/<name>/` locally, `libsql://<name>-<org>.turso.io`). */
export function databaseNameOf(host: DatabaseHost, url: string): string | null {
  if (host.kind === "local") return /\/db\/([^/]+)\/?$/.exec(url)?.[1] ?? null;
  const hostname = /^libsql:\/\/([^/]+)/.exec(url)?.[1];
  const suffix = `-${host.organization}.`;
  return hostname?.includes(suffix) ? hostname.slice(0, hostname.indexOf(suffix)) : null;
}

/**
 * The host from configuration (process env in infra, a worker's vars in the api): Turso when TURSO_ORG is
 * set, else the local server at LIBSQL_SERVER_URL. Fails naming what is missing.
 */
export function hostFromVars(vars: Record<string, string | undefined>): DatabaseHost {
  if (vars.TURSO_ORG) {
    const need = (k: string) => {
      const v = vars[k];
      if (!v) throw new Error(`${k} is required when TURSO_ORG is set`);
      return v;
    };
    return {
      kind: "turso",
      organization: vars.TURSO_ORG,
      group: vars.TURSO_GROUP ?? "default",
      platformToken: need("TURSO_PLATFORM_TOKEN"),
      databaseToken: need("LIBSQL_AUTH_TOKEN"),
    };
  }
  const serverUrl = vars.LIBSQL_SERVER_URL;
  if (!serverUrl) throw new Error("set LIBSQL_SERVER_URL (local server) or TURSO_ORG (+ TURSO_PLATFORM_TOKEN, LIBSQL_AUTH_TOKEN)");
  return { kind: "local", serverUrl: serverUrl.replace(/\/+$/, ""), authToken: vars.LIBSQL_AUTH_TOKEN ?? "" };
}
