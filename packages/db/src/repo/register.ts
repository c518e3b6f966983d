import { type RegisterOrder, searchMatch, searchTerms, URGENCIES } from "@wuye/core";
import { and, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { BranchDb } from "../client/index.ts";
import { milestones, requests } from "../schema/branch.ts";
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

/** A register row with its milestones, read in the row's own statement (the page is one statement). */
export type RegisterRow = RequestRow & { cursor: RegisterCursor; milestones: RegisterMilestone[] };

/**
 * What a query asks of the database: conditions on the request itself (a whole code or phone through their own
 * indexes; the rest of a code's groups), and the FTS5 MATCH with short words expanded through the index's
 * vocabulary. Null when nothing can match.
 */
export async function registerMatch(db: BranchDb, q: string): Promise<{ match: string | null; where: SQL[] } | null> {
  const terms = searchTerms(q);
  const where: SQL[] = [];
  for (const t of terms) {
    if (t.kind === "exact") where.push(eq(t.field === "trackingCode" ? requests.trackingCode : requests.contactPhone, t.text));
    if (t.kind === "codePart") where.push(sql`instr(replace(${requests.trackingCode}, '-', ''), ${t.text}) > 0`);
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

/** The request as one JSON cell (`json-row.ts`): decoding ~40 cells a row cost more than the page's query. */
const registerRow = once(() => sql<string>`${sql.raw(jsonRowSql(requests, quotedTable(requests)))}`);

function registerRowOf(row: string, milestones: string | null, rank?: number): RegisterRow {
  const r = rowFromJson(requests, JSON.parse(row));
  return { ...r, milestones: parseRegisterMilestones(milestones), cursor: { createdAt: r.createdAt, id: r.id, urgency: r.urgency, rank } };
}

/** Keyset: rows strictly after the cursor in the page's order. */
function after(c: RegisterCursor, order: RegisterOrder, searching: boolean): SQL {
  // Searching, each urgency is its own pass (below): the rank alone continues it.
  const tail = searching
    ? lt(requestSearch.rowid, c.rank ?? Number.MAX_SAFE_INTEGER)
    : or(lt(requests.createdAt, c.createdAt), and(eq(requests.createdAt, c.createdAt), lt(requests.id, c.id)))!;
  if (searching || order !== "urgent" || c.urgency === undefined) return tail;
  return or(lt(requests.urgency, c.urgency), and(eq(requests.urgency, c.urgency), tail))!;
}

/**
 * The service information register (顾客服务信息登记表): newest first, or urgent first ("urgent" sorts above
 * "normal"), keyset pages. With `q`, the full-text index drives the query in its own newest-first order.
 */
export async function listRequests(db: BranchDb, f: RegisterFilter): Promise<RegisterRow[]> {
  const where: SQL[] = [];
  if (f.kind) where.push(eq(requests.kind, f.kind));
  if (f.status) where.push(eq(requests.status, f.status));
  if (f.statuses) where.push(inArray(requests.status, [...f.statuses]));
  if (f.channel) where.push(eq(requests.channel, f.channel));
  if (f.category) where.push(eq(requests.category, f.category));
  if (f.ownerId) where.push(eq(requests.ownerId, f.ownerId));
  if (f.assigneeId) where.push(eq(requests.assigneeId, f.assigneeId));
  if (f.phone) where.push(eq(requests.contactPhone, f.phone));
  if (f.from !== undefined) where.push(gte(requests.createdAt, f.from));
  if (f.to !== undefined) where.push(lte(requests.createdAt, f.to));
  if (f.overdueAt !== undefined) {
    where.push(
      inArray(
        requests.id,
        db
          .select({ id: milestones.requestId })
          .from(milestones)
          .where(and(inArray(milestones.status, ["open", "paused"]), lt(milestones.dueAt, f.overdueAt))),
      ),
    );
  }
  const order = f.order ?? "newest";
  const q = f.q?.trim();
  const found = q ? await registerMatch(db, q) : { match: null, where: [] };
  if (!found) return [];
  where.push(...found.where);
  const match = found.match;
  if (!match) {
    if (f.cursor) where.push(after(f.cursor, order, false));
    const rows = await db
      .select({ row: registerRow(), milestones: registerMilestones })
      .from(requests)
      .where(where.length ? and(...where) : undefined)
      // "urgent" sorts above "normal": urgent first is the urgency column descending (index requests_urgency_idx).
      .orderBy(...(order === "urgent" ? [desc(requests.urgency)] : []), desc(requests.createdAt), desc(requests.id))
      .limit(f.limit);
    return rows.map(({ row, milestones }) => registerRowOf(row, milestones));
  }
  // A cursor from a page of the plain register does not continue a search: start the search over.
  const from = f.cursor?.rank === undefined ? undefined : f.cursor;
  const search = (extra: SQL[], cursor: RegisterCursor | undefined, limit: number) =>
    db
      .select({ row: registerRow(), milestones: registerMilestones, rank: requestSearch.rowid })
      .from(requestSearch)
      .innerJoin(requests, eq(requests.id, requestSearch.requestId))
      .where(and(sql`${requestSearch} MATCH ${match}`, ...where, ...extra, cursor ? after(cursor, "newest", true) : undefined))
      .orderBy(desc(requestSearch.rowid))
      .limit(limit)
      .then((rows) => rows.map(({ row, milestones, rank }) => registerRowOf(row, milestones, rank)));
  if (order === "newest") return search([], from, f.limit);
  // Urgent first: one index-ordered pass per urgency, so that a common word never sorts all its matches.
  const page: RegisterRow[] = [];
  for (const urgency of [...URGENCIES].sort().reverse()) {
    if (from?.urgency !== undefined && urgency > from.urgency) continue;
    page.push(...(await search([eq(requests.urgency, urgency)], from?.urgency === urgency ? from : undefined, f.limit - page.length)));
    if (page.length >= f.limit) break;
  }
  return page;
}

/** The plan SQLite chooses for a register search (printed by the benchmark). */
export async function explainRegisterSearch(db: BranchDb, q: string, filter: Omit<RegisterFilter, "q" | "limit"> = {}) {
  const match = (await registerMatch(db, q))?.match ?? '"-"';
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
