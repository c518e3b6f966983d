import { type RegisterOrder, searchMatch, searchTerms, URGENCIES } from "@wuye/core";
import { and, desc, eq, gte, inArray, lt, lte, type Placeholder, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Row } from "@libsql/client";
import type { BranchDb } from "../client/index.ts";
import { milestones, requests } from "../schema/branch.ts";
import { type Bind, Bindings, type CompiledQuery, compile, compiledCache } from "./compiled.ts";
import { jsonRowSql, once, quotedTable, rowFromJson } from "./json-row.ts";
import type { RequestRow } from "./request.ts";
import { parseRegisterMilestones, type RegisterMilestone, registerMilestones } from "./request-read.ts";

/**
 * The register's full-text index (migration `register-search`: a trigram FTS5 table kept by triggers). Declared
 * here, not in `schema/`, so that drizzle-kit does not try to create it as an ordinary table.
 */
const requestSearch = sqliteTable("request_search", { rowid: integer("rowid").notNull(), requestId: text("request_id").notNull() });
/** Its vocabulary: every indexed trigram (`fts5vocab … 'row'`). */
const searchTermsTable = sqliteTable("request_search_terms", { term: text("term").notNull() });

/** Trigrams a 1–2 character word may stand for; beyond this a one-character search is approximate. */
const PREFIX_EXPANSION = 256;
const LAST_CHAR = String.fromCodePoint(0x10ffff);

/** Where the previous page ended: the sort key of its last row (`rank` is the search row, newest highest). */
export interface RegisterCursor {
  createdAt: number;
  id: string;
  urgency?: string | undefined;
  rank?: number | undefined;
}

export interface RegisterFilter {
  kind?: string | undefined;
  status?: string | undefined;
  statuses?: readonly string[] | undefined;
  channel?: string | undefined;
  category?: string | undefined;
  ownerId?: string | undefined;
  assigneeId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Tracking code or a group of it, phone or its last 4, name, unit, words of the description. */
  q?: string | undefined;
  overdueAt?: number | undefined;
  phone?: string | undefined;
  /** Newest first (default), or urgent ones first and newest first within each. */
  order?: RegisterOrder | undefined;
  cursor?: RegisterCursor | undefined;
  limit: number;
}

/** What a register row shows of its request (the page reads no more: a polled page's size is its cost). */
const REGISTER_COLUMNS = [
  "id",
  "trackingCode",
  "kind",
  "category",
  "urgency",
  "status",
  "channel",
  "description",
  "contactName",
  "contactPhone",
  "unitLabel",
  "area",
  "ownerId",
  "createdAt",
] as const satisfies ReadonlyArray<keyof RequestRow>;

/** A register row with its milestones, read in the row's own statement (the page is one statement). */
export type RegisterRow = Pick<RequestRow, (typeof REGISTER_COLUMNS)[number]> & { cursor: RegisterCursor; milestones: RegisterMilestone[] };

/**
 * What a query asks of the database: conditions on the request itself (a whole code or phone through their own
 * indexes; the rest of a code's groups), and the FTS5 MATCH with short words expanded through the index's
 * vocabulary. Null when nothing can match.
 */
export async function registerMatch(db: BranchDb, q: string, bind: Bind): Promise<{ match: string | null; where: SQL[] } | null> {
  const terms = searchTerms(q);
  const where: SQL[] = [];
  // Each bound under a name that says which condition it is: a compiled page is found by these names.
  for (const [i, t] of terms.entries()) {
    if (t.kind === "exact") {
      where.push(eq(t.field === "trackingCode" ? requests.trackingCode : requests.contactPhone, bind(`q.${i}.${t.field}`, t.text)));
    }
    if (t.kind === "codePart") where.push(sql`instr(replace(${requests.trackingCode}, '-', ''), ${bind(`q.${i}.codePart`, t.text)}) > 0`);
  }
  if (terms.every((t) => t.kind === "exact")) return { match: null, where };
  const expansions = await Promise.all(
    terms.map((t) =>
      t.kind === "prefix"
        ? db
            .select({ term: searchTermsTable.term })
            .from(searchTermsTable)
            .where(and(gte(searchTermsTable.term, t.text), lt(searchTermsTable.term, t.text + LAST_CHAR)))
            .limit(PREFIX_EXPANSION)
            .then((rows) => rows.map((r) => r.term))
        : undefined,
    ),
  );
  const match = searchMatch(terms, expansions);
  return match ? { match, where } : null;
}

/** The request as one JSON cell (`json-row.ts`): decoding a cell per column cost more than the page's query. */
const registerRow = once(() => sql<string>`${sql.raw(jsonRowSql(requests, quotedTable(requests), REGISTER_COLUMNS))}`);

/** A page's row by position (the statement names no columns): the request, its milestones, and a search's rank. */
function registerRowOf(cells: Row): RegisterRow {
  const r = rowFromJson(requests, JSON.parse(String(cells[0])), REGISTER_COLUMNS);
  const rank = cells[2] === undefined ? undefined : Number(cells[2]);
  return {
    ...r,
    milestones: parseRegisterMilestones(cells[1]),
    cursor: { createdAt: r.createdAt, id: r.id, urgency: r.urgency, rank },
  };
}

/** Past `value` on `column` (descending), or level with it and past it on what follows. */
const keyset = (column: SQLWrapper, value: Placeholder, then: SQL) => sql`(${column} < ${value} or (${column} = ${value} and ${then}))`;

/** Keyset: rows strictly after the cursor in the page's order. */
function after(c: RegisterCursor, order: RegisterOrder, searching: boolean, bind: Bind): SQL {
  // Searching, each urgency is its own pass (below): the rank alone continues it.
  const tail = searching
    ? lt(requestSearch.rowid, bind("after.rank", c.rank ?? Number.MAX_SAFE_INTEGER))
    : keyset(requests.createdAt, bind("after.createdAt", c.createdAt), sql`${requests.id} < ${bind("after.id", c.id)}`);
  if (searching || order !== "urgent" || c.urgency === undefined) return tail;
  return keyset(requests.urgency, bind("after.urgency", c.urgency), tail);
}

/** The filter's conditions on the request, each value bound. */
function conditions(f: RegisterFilter, bind: Bind): SQL[] {
  const where: SQL[] = [];
  const equal = [
    ["kind", requests.kind, f.kind],
    ["status", requests.status, f.status],
    ["channel", requests.channel, f.channel],
    ["category", requests.category, f.category],
    ["ownerId", requests.ownerId, f.ownerId],
    ["assigneeId", requests.assigneeId, f.assigneeId],
    ["phone", requests.contactPhone, f.phone],
  ] as const;
  for (const [name, column, value] of equal) if (value) where.push(eq(column, bind(name, value)));
  if (f.statuses)
    where.push(
      inArray(
        requests.status,
        f.statuses.map((s, i) => bind(`statuses.${i}`, s)),
      ),
    );
  if (f.from !== undefined) where.push(gte(requests.createdAt, bind("from", f.from)));
  if (f.to !== undefined) where.push(lte(requests.createdAt, bind("to", f.to)));
  if (f.overdueAt !== undefined) {
    where.push(
      sql`${requests.id} in (select ${milestones.requestId} from ${milestones}
        where ${milestones.status} in ('open', 'paused') and ${milestones.dueAt} < ${bind("overdueAt", f.overdueAt)})`,
    );
  }
  return where;
}

/** Register pages compiled once per shape (which filters, order, cursor, search) and isolate (`compiled.ts`). */
const pages = compiledCache<CompiledQuery>();

async function page(db: BranchDb, b: Bindings, kind: string, query: () => Parameters<typeof compile>[0]) {
  const compiled = pages(`${kind}|${b.shape}`, () => compile(query()));
  const { rows } = await db.$client.execute({ sql: compiled.sql, args: b.args(compiled) });
  return rows;
}

/**
 * The service information register (顾客服务信息登记表): newest first, or urgent first ("urgent" sorts above
 * "normal"), keyset pages. With `q`, the full-text index drives the query in its own newest-first order.
 */
export async function listRequests(db: BranchDb, f: RegisterFilter): Promise<RegisterRow[]> {
  const b = new Bindings();
  const where = conditions(f, b.bind);
  const order = f.order ?? "newest";
  const q = f.q?.trim();
  const found = q ? await registerMatch(db, q, b.bind) : { match: null, where: [] };
  if (!found) return [];
  where.push(...found.where);
  const match = found.match;
  if (!match) {
    if (f.cursor) where.push(after(f.cursor, order, false, b.bind));
    const limit = b.bind("limit", f.limit);
    const rows = await page(db, b, order, () =>
      db
        .select({ row: registerRow(), milestones: registerMilestones })
        .from(requests)
        .where(where.length ? and(...where) : undefined)
        // "urgent" sorts above "normal": urgent first is the urgency column descending (index requests_urgency_idx).
        .orderBy(...(order === "urgent" ? [desc(requests.urgency)] : []), desc(requests.createdAt), desc(requests.id))
        .limit(limit),
    );
    return rows.map((r) => registerRowOf(r));
  }
  // A cursor from a page of the plain register does not continue a search: start the search over.
  const from = f.cursor?.rank === undefined ? undefined : f.cursor;
  const matches = b.bind("match", match);
  const search = async (urgency: string | undefined, cursor: RegisterCursor | undefined, limit: number) => {
    const pass = b.fork();
    const extra = [
      ...(urgency ? [eq(requests.urgency, pass.bind("urgency", urgency))] : []),
      ...(cursor ? [after(cursor, "newest", true, pass.bind)] : []),
    ];
    const bound = pass.bind("limit", limit);
    const rows = await page(db, pass, "search", () =>
      db
        .select({ row: registerRow(), milestones: registerMilestones, rank: requestSearch.rowid })
        .from(requestSearch)
        .innerJoin(requests, eq(requests.id, requestSearch.requestId))
        .where(and(sql`${requestSearch} MATCH ${matches}`, ...where, ...extra))
        .orderBy(desc(requestSearch.rowid))
        .limit(bound),
    );
    return rows.map((r) => registerRowOf(r));
  };
  if (order === "newest") return search(undefined, from, f.limit);
  // Urgent first: one index-ordered pass per urgency, so that a common word never sorts all its matches.
  const result: RegisterRow[] = [];
  for (const urgency of [...URGENCIES].sort().reverse()) {
    if (from?.urgency !== undefined && urgency > from.urgency) continue;
    result.push(...(await search(urgency, from?.urgency === urgency ? from : undefined, f.limit - result.length)));
    if (result.length >= f.limit) break;
  }
  return result;
}

/** The plan SQLite chooses for a register search (printed by the benchmark). */
export async function explainRegisterSearch(db: BranchDb, q: string, filter: Omit<RegisterFilter, "q" | "limit"> = {}) {
  const match = (await registerMatch(db, q, new Bindings().bind))?.match ?? '"-"';
  const statuses = filter.statuses ? [...filter.statuses] : [];
  const query = db
    .select({ id: requests.id })
    .from(requestSearch)
    .innerJoin(requests, eq(requests.id, requestSearch.requestId))
    .where(and(sql`${requestSearch} MATCH ${match}`, statuses.length ? inArray(requests.status, statuses) : undefined))
    .orderBy(desc(requestSearch.rowid))
    .limit(26)
    .toSQL();
  const plan = await db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never });
  return { match, plan: plan.rows.map((r) => String(r.detail)) };
}
