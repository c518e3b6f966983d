import { type Client, createClient } from "@libsql/client/web";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as branchSchema from "../schema/branch.ts";
import * as controlSchema from "../schema/control.ts";
import * as supervisionSchema from "../schema/supervision.ts";

// Every database is reached by URL + token only: the local server's path or a Turso database.
// The `/web` client speaks HTTP with fetch, so the same code runs in workerd and in Node.

export type ControlDb = LibSQLDatabase<typeof controlSchema> & { $client: Client };
export type BranchDb = LibSQLDatabase<typeof branchSchema> & { $client: Client };
export type SupervisionDb = LibSQLDatabase<typeof supervisionSchema> & { $client: Client };

export interface DbConfig {
  url: string;
  authToken?: string | undefined;
}

export function createLibsqlClient({ url, authToken }: DbConfig): Client {
  // The local server serves one database per path; the client drops the last path segment unless it ends with "/".
  const normalized = /^https?:\/\/[^/]+\/.+[^/]$/.test(url) ? `${url}/` : url;
  return createClient({ url: normalized, authToken, intMode: "number" });
}

export const createControlDb = (cfg: DbConfig | Client): ControlDb =>
  drizzle(clientOf(cfg), { schema: controlSchema }) as ControlDb;
export const createBranchDb = (cfg: DbConfig | Client): BranchDb =>
  drizzle(clientOf(cfg), { schema: branchSchema }) as BranchDb;
export const createSupervisionDb = (cfg: DbConfig | Client): SupervisionDb =>
  drizzle(clientOf(cfg), { schema: supervisionSchema }) as SupervisionDb;

function clientOf(cfg: DbConfig | Client): Client {
  return "execute" in cfg ? cfg : createLibsqlClient(cfg);
}

export type { Client };
