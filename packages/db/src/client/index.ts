import { type Client, createClient } from "@libsql/client/web";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import type * as branchSchema from "../schema/branch.ts";
import type * as controlSchema from "../schema/control.ts";
import type * as supervisionSchema from "../schema/supervision.ts";

// Every database is reached by URL + token only: the local server's path or a Turso database.
// The `/web` client speaks HTTP with fetch, so the same code runs in workerd and in Node.

// Drizzle over one database, without relational queries (`db.query`): nothing here uses them, and passing
// `schema` to drizzle() walks every table's config on each construction — once per database per request,
// the largest single CPU cost of opening the databases. The schema stays in the type (`db._`) so that a
// branch database is not mistaken for the control or supervision one.
type Db<S extends Record<string, unknown>> = Omit<LibSQLDatabase<S>, "query"> & { $client: Client };
export type ControlDb = Db<typeof controlSchema>;
export type BranchDb = Db<typeof branchSchema>;
export type SupervisionDb = Db<typeof supervisionSchema>;

export interface DbConfig {
  url: string;
  authToken?: string | undefined;
}

export function createLibsqlClient({ url, authToken }: DbConfig): Client {
  // The local server serves one database per path; the client drops the last path segment unless it ends with "/".
  const normalized = /^https?:\/\/[^/]+\/.+[^/]$/.test(url) ? `${url}/` : url;
  return createClient({ url: normalized, authToken, intMode: "number" });
}

export const createControlDb = (cfg: DbConfig | Client): ControlDb => drizzle(clientOf(cfg)) as unknown as ControlDb;
export const createBranchDb = (cfg: DbConfig | Client): BranchDb => drizzle(clientOf(cfg)) as unknown as BranchDb;
export const createSupervisionDb = (cfg: DbConfig | Client): SupervisionDb => drizzle(clientOf(cfg)) as unknown as SupervisionDb;

function clientOf(cfg: DbConfig | Client): Client {
  return "execute" in cfg ? cfg : createLibsqlClient(cfg);
}

export type { Client };
