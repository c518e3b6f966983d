/** Hrana-over-HTTP streams: batons, stream requests, batches. */
import crypto from "node:crypto";
import {
  type Conn,
  type DbEntry,
  type DescribeResult,
  type HranaError,
  type StmtArgs,
  type StmtResult,
  describeOnce,
  executeStmt,
  toHranaError,
  withBusyRetry,
} from "./db.ts";
import { splitStatements } from "./sql.ts";
import { type BindValue, isObject, ProtoError, valueFromHrana } from "./values.ts";

export interface StreamOptions {
  idleTimeoutMs: number;
  busyTimeoutMs: number;
  maxStreams: number;
  maxSqlTexts: number;
}

export class Stream {
  conn: Conn | null = null;
  readonly sqls = new Map<number, string>();
  baton: string | null = null;
  timer: NodeJS.Timeout | null = null;
  closed = false;

  constructor(readonly entry: DbEntry) {}

  getConn(): Conn {
    if (this.conn === null || this.conn.closed) this.conn = this.entry.acquire();
    return this.conn;
  }

  /** Gives the connection back to the pool unless a transaction is open. */
  releaseIfIdle(): void {
    if (this.conn && (this.conn.closed || this.conn.poisoned || !this.conn.inTransaction)) {
      this.entry.release(this.conn);
      this.conn = null;
    }
  }

  /** Rolls back and releases everything. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.conn) {
      this.entry.release(this.conn); // release() rolls back
      this.conn = null;
    }
    this.sqls.clear();
  }
}

export type StreamResult = { type: "ok"; response: Record<string, unknown> } | { type: "error"; error: HranaError };

type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };

interface ParsedStmt extends StmtArgs {
  sql: string;
  wantRows: boolean;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (HranaError | null)[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class StreamRegistry {
  readonly #byBaton = new Map<string, Stream>();
  readonly #all = new Set<Stream>();

  constructor(readonly opts: StreamOptions) {}

  get size(): number {
    return this.#all.size;
  }

  /** Takes the stream for `baton` (or opens a new one). The baton is consumed. */
  take(entry: DbEntry, baton: string | null): Stream {
    if (baton === null) {
      if (this.#all.size >= this.opts.maxStreams) throw new HttpError(503, "Too many open streams");
      const s = new Stream(entry);
      this.#all.add(s);
      return s;
    }
    const s = this.#byBaton.get(baton);
    if (!s || s.closed) throw new HttpError(400, "Invalid, expired or already used baton");
    if (s.entry !== entry) throw new HttpError(400, "Baton belongs to a different database");
    this.#byBaton.delete(baton);
    s.baton = null;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    return s;
  }

  /** After a pipeline: close the stream or hand out a fresh baton. */
  finish(s: Stream): string | null {
    if (s.closed || s.entry.deleted) {
      this.close(s);
      return null;
    }
    s.releaseIfIdle();
    const baton = crypto.randomBytes(24).toString("base64url");
    s.baton = baton;
    this.#byBaton.set(baton, s);
    s.timer = setTimeout(() => this.close(s), this.opts.idleTimeoutMs);
    s.timer.unref();
    return baton;
  }

  close(s: Stream): void {
    if (s.baton) this.#byBaton.delete(s.baton);
    s.baton = null;
    s.close();
    this.#all.delete(s);
  }

  closeForEntry(entry: DbEntry): void {
    for (const s of [...this.#all]) if (s.entry === entry) this.close(s);
  }

  closeAll(): void {
    for (const s of [...this.#all]) this.close(s);
  }

  // ---------------------------------------------------------------- requests

  async runRequest(s: Stream, req: unknown): Promise<StreamResult> {
    try {
      if (s.closed) throw new ProtoError("Stream is closed");
      if (!isObject(req)) throw new ProtoError("Request must be an object");
      const type = req.type;
      switch (type) {
        case "close":
          s.closed = true;
          return ok({ type: "close" });
        case "execute": {
          const stmt = this.#parseStmt(s, req.stmt);
          const result = await this.#execute(s, stmt);
          return ok({ type: "execute", result });
        }
        case "batch": {
          const result = await this.runBatch(s, req.batch);
          return ok({ type: "batch", result });
        }
        case "sequence": {
          const sql = this.#resolveSql(s, req.sql, req.sql_id);
          for (const st of splitStatements(sql)) {
            await this.#execute(s, { sql: st.sql, args: [], named: [], wantRows: false });
          }
          return ok({ type: "sequence" });
        }
        case "describe": {
          const sql = this.#resolveSql(s, req.sql, req.sql_id);
          const conn = s.getConn();
          const result: DescribeResult = await withBusyRetry(() => describeOnce(conn, sql), this.opts.busyTimeoutMs);
          return ok({ type: "describe", result });
        }
        case "store_sql": {
          const id = req.sql_id;
          if (!isInt32(id)) throw new ProtoError("store_sql needs an integer sql_id");
          if (typeof req.sql !== "string") throw new ProtoError("store_sql needs a string sql");
          if (s.sqls.has(id)) throw new ProtoError(`SQL text ${id} is already stored`);
          if (s.sqls.size >= this.opts.maxSqlTexts) throw new ProtoError("Too many stored SQL texts");
          s.sqls.set(id, req.sql);
          return ok({ type: "store_sql" });
        }
        case "close_sql": {
          if (!isInt32(req.sql_id)) throw new ProtoError("close_sql needs an integer sql_id");
          s.sqls.delete(req.sql_id);
          return ok({ type: "close_sql" });
        }
        case "get_autocommit": {
          const autocommit = s.conn === null || !s.conn.inTransaction;
          return ok({ type: "get_autocommit", is_autocommit: autocommit });
        }
        default:
          throw new ProtoError(`Unknown request type ${JSON.stringify(type)}`);
      }
    } catch (e) {
      return { type: "error", error: toHranaError(e) };
    }
  }

  async runBatch(s: Stream, batch: unknown): Promise<BatchResult> {
    if (!isObject(batch) || !Array.isArray(batch.steps)) throw new ProtoError("batch.steps must be an array");
    // validate everything up front so that a malformed batch executes nothing
    const steps = batch.steps.map((step: unknown, i: number) => {
      if (!isObject(step)) throw new ProtoError(`Batch step ${i} must be an object`);
      const cond = step.condition === undefined || step.condition === null ? null : parseCond(step.condition, 0);
      return { cond, stmt: this.#parseStmt(s, step.stmt) };
    });
    const results: (StmtResult | null)[] = [];
    const errors: (HranaError | null)[] = [];
    for (const [i, step] of steps.entries()) {
      if (step.cond && !evalCond(step.cond, i, results, errors, s)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await this.#execute(s, step.stmt));
        errors.push(null);
      } catch (e) {
        results.push(null);
        errors.push(toHranaError(e));
      }
    }
    return { step_results: results, step_errors: errors };
  }

  async #execute(s: Stream, stmt: ParsedStmt): Promise<StmtResult> {
    return executeStmt(s.getConn(), stmt.sql, stmt, stmt.wantRows, this.opts.busyTimeoutMs);
  }

  #resolveSql(s: Stream, sql: unknown, sqlId: unknown): string {
    const hasSql = sql !== undefined && sql !== null;
    const hasId = sqlId !== undefined && sqlId !== null;
    if (hasSql && hasId) throw new ProtoError("Only one of sql and sql_id may be given");
    if (hasSql) {
      if (typeof sql !== "string") throw new ProtoError("sql must be a string");
      return sql;
    }
    if (hasId) {
      if (!isInt32(sqlId)) throw new ProtoError("sql_id must be an integer");
      const text = s.sqls.get(sqlId);
      if (text === undefined) throw new ProtoError(`SQL text ${sqlId} is not stored`);
      return text;
    }
    throw new ProtoError("Either sql or sql_id is required");
  }

  #parseStmt(s: Stream, stmt: unknown): ParsedStmt {
    if (!isObject(stmt)) throw new ProtoError("stmt must be an object");
    const sql = this.#resolveSql(s, stmt.sql, stmt.sql_id);
    let args: BindValue[] = [];
    if (stmt.args !== undefined && stmt.args !== null) {
      if (!Array.isArray(stmt.args)) throw new ProtoError("stmt.args must be an array");
      args = stmt.args.map(valueFromHrana);
    }
    const named: { name: string; value: BindValue }[] = [];
    if (stmt.named_args !== undefined && stmt.named_args !== null) {
      if (!Array.isArray(stmt.named_args)) throw new ProtoError("stmt.named_args must be an array");
      for (const na of stmt.named_args) {
        if (!isObject(na) || typeof na.name !== "string" || na.name.length === 0) {
          throw new ProtoError("named_args entries need a non-empty string name");
        }
        named.push({ name: na.name, value: valueFromHrana(na.value) });
      }
    }
    if (stmt.want_rows !== undefined && stmt.want_rows !== null && typeof stmt.want_rows !== "boolean") {
      throw new ProtoError("stmt.want_rows must be a boolean");
    }
    return { sql, args, named, wantRows: stmt.want_rows !== false };
  }
}

function ok(response: Record<string, unknown>): StreamResult {
  return { type: "ok", response };
}

function isInt32(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31;
}

function parseCond(c: unknown, depth: number): Cond {
  if (depth > 100) throw new ProtoError("Batch condition nested too deeply");
  if (!isObject(c)) throw new ProtoError("Batch condition must be an object");
  switch (c.type) {
    case "ok":
    case "error":
      if (typeof c.step !== "number" || !Number.isInteger(c.step) || c.step < 0) {
        throw new ProtoError("Batch condition step must be a non-negative integer");
      }
      return { type: c.type, step: c.step };
    case "not":
      return { type: "not", cond: parseCond(c.cond, depth + 1) };
    case "and":
    case "or":
      if (!Array.isArray(c.conds)) throw new ProtoError("Batch condition conds must be an array");
      return { type: c.type, conds: c.conds.map((x: unknown) => parseCond(x, depth + 1)) };
    case "is_autocommit":
      return { type: "is_autocommit" };
    default:
      throw new ProtoError(`Unknown batch condition type ${JSON.stringify(c.type)}`);
  }
}

function evalCond(c: Cond, current: number, results: (StmtResult | null)[], errors: (HranaError | null)[], s: Stream): boolean {
  switch (c.type) {
    case "ok":
      return c.step < current && results[c.step] != null;
    case "error":
      return c.step < current && errors[c.step] != null;
    case "not":
      return !evalCond(c.cond, current, results, errors, s);
    case "and":
      return c.conds.every((x) => evalCond(x, current, results, errors, s));
    case "or":
      return c.conds.some((x) => evalCond(x, current, results, errors, s));
    case "is_autocommit":
      return s.conn === null || !s.conn.inTransaction;
  }
}
