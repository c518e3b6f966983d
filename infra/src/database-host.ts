// Where databases are created: the project's local libSQL server, or Turso. Same calls, different host.
export type DatabaseHost =
  | { kind: "local"; serverUrl: string; authToken: string }
  | { kind: "turso"; organization: string; group: string; platformToken: string; databaseToken: string };

export interface CreatedDatabase {
  name: string;
  url: string;
}

export function databaseToken(host: DatabaseHost): string {
  return host.kind === "local" ? host.authToken : host.databaseToken;
}

/** Creates (or finds) a database by name and returns its libSQL URL. Idempotent. */
export async function createDatabase(host: DatabaseHost, name: string): Promise<CreatedDatabase> {
  if (host.kind === "local") {
    const res = await fetch(`${host.serverUrl}/v1/databases`, {
      method: "POST",
      headers: { authorization: `Bearer ${host.authToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (!res.ok) throw new Error(`local libSQL server refused database ${name}: ${res.status} ${await res.text()}`);
    return { name, url: `${host.serverUrl}/db/${name}/` };
  }
  // Turso Platform API: POST /v1/organizations/{org}/databases; 409 means it exists already.
  const base = `https://api.turso.tech/v1/organizations/${host.organization}/databases`;
  const headers = { authorization: `Bearer ${host.platformToken}`, "content-type": "application/json" };
  const res = await fetch(base, { method: "POST", headers, body: JSON.stringify({ name, group: host.group }) });
  if (res.status === 409) {
    const existing = await fetch(`${base}/${name}`, { headers });
    const body = (await existing.json()) as { database: { Hostname: string } };
    return { name, url: `libsql://${body.database.Hostname}` };
  }
  if (!res.ok) throw new Error(`Turso refused database ${name}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { database: { Hostname: string } };
  return { name, url: `libsql://${body.database.Hostname}` };
}

export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseHost {
  if (env.TURSO_ORG) {
    const need = (k: string) => {
      const v = env[k];
      if (!v) throw new Error(`${k} is required when TURSO_ORG is set`);
      return v;
    };
    return {
      kind: "turso",
      organization: env.TURSO_ORG,
      group: env.TURSO_GROUP ?? "default",
      platformToken: need("TURSO_PLATFORM_TOKEN"),
      databaseToken: need("LIBSQL_AUTH_TOKEN"),
    };
  }
  const serverUrl = env.LIBSQL_SERVER_URL;
  if (!serverUrl) throw new Error("set LIBSQL_SERVER_URL (local server) or TURSO_ORG (+ TURSO_PLATFORM_TOKEN, LIBSQL_AUTH_TOKEN)");
  return { kind: "local", serverUrl, authToken: env.LIBSQL_AUTH_TOKEN ?? "" };
}
