import { z } from "zod";
import {
  type BranchDb,
  type Client,
  type ControlDb,
  createBranchDb,
  createControlDb,
  createLibsqlClient,
  createSupervisionDb,
  type SupervisionDb,
} from "../client/index.ts";
import { type BranchRow, findBranch, listBranches } from "../repo/branch-directory.ts";

/** The database part of every worker's env: URLs and one token (a Turso group token, or the local server's). */
export const DbEnvSchema = z.object({
  CONTROL_DB_URL: z.string().min(1),
  SUPERVISION_DB_URL: z.string().min(1),
  LIBSQL_AUTH_TOKEN: z.string().optional(),
});
export type DbEnv = z.infer<typeof DbEnvSchema>;

export interface Databases {
  control: ControlDb;
  supervision: SupervisionDb;
  branchDb(branch: BranchRow): BranchDb;
  branch(by: { id: string } | { slug: string } | { trackingPrefix: string }): Promise<BranchRow | null>;
  branches(): Promise<BranchRow[]>;
}

// Branch rows are cached per isolate for a short time (they change only at provisioning). Clients are not:
// the HTTP client holds I/O objects that workerd forbids sharing between requests, so each request (or
// queue batch) opens its own, which is cheap (no connection set-up beyond fetch). Each database is opened
// on first use: most requests touch one or two of them (intake only its branch's, its control reads being
// cached), and opening costs CPU on every request.
const BRANCH_TTL_MS = 30_000;
const branchCache = new Map<string, { row: BranchRow | null; at: number }>();

/** Drops this isolate's cached branch rows: after a branch is suspended, renamed or deleted here. */
export function forgetCachedBranches(): void {
  branchCache.clear();
}

export function openDatabases(env: DbEnv): Databases {
  const token = env.LIBSQL_AUTH_TOKEN;
  const open = new Map<string, unknown>();
  const once = <T>(url: string, create: (client: Client) => T): T => {
    if (!open.has(url)) open.set(url, create(createLibsqlClient({ url, authToken: token })));
    return open.get(url) as T;
  };
  const control = () => once(env.CONTROL_DB_URL, createControlDb);
  return {
    get control() {
      return control();
    },
    get supervision() {
      return once(env.SUPERVISION_DB_URL, createSupervisionDb);
    },
    branchDb: (branch) => once(branch.dbUrl, createBranchDb),
    async branch(by) {
      const key = `${env.CONTROL_DB_URL}|${JSON.stringify(by)}`;
      const hit = branchCache.get(key);
      if (hit && Date.now() - hit.at < BRANCH_TTL_MS) return hit.row;
      const row = await findBranch(control(), by);
      branchCache.set(key, { row, at: Date.now() });
      return row;
    },
    branches: () => listBranches(control()),
  };
}

/** Parses a worker's env once per isolate and fails loudly naming each missing or bad variable. */
export function envParser<S extends z.ZodType>(schema: S): (env: unknown) => z.infer<S> {
  let last: { raw: unknown; parsed: z.infer<S> } | undefined;
  return (env) => {
    if (last && last.raw === env) return last.parsed;
    const res = schema.safeParse(env);
    if (!res.success) {
      throw new Error(`worker misconfigured: ${res.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    last = { raw: env, parsed: res.data };
    return res.data;
  };
}

const TRANSIENT_CODES = new Set(["SERVER_ERROR", "HRANA_CLOSED_ERROR", "HRANA_WEBSOCKET_ERROR", "SQLITE_BUSY", "SQLITE_LOCKED"]);
const NETWORK_TEXT =
  /fetch failed|network connection lost|ECONNREFUSED|ECONNRESET|socket hang up|connection (refused|reset|closed)|timed? ?out/i;

/**
 * True when a database error means "try again shortly" (server down, restarting, busy), as opposed to a bug
 * or a constraint: the API answers 503 with Retry-After instead of 500. Looks through drizzle's wrapping.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && NETWORK_TEXT.test(message)) return true;
  }
  return false;
}
