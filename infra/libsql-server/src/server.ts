/**
 * A local Hrana-over-HTTP server (the protocol spoken by sqld/Turso and used by
 * `@libsql/client` for http:// URLs), backed by the embedded `libsql` package,
 * with one database file per URL path: `/db/<name>/`.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DatabaseManager, DB_NAME_RE, type DbEntry, type SynchronousMode } from "./db.ts";
import { HttpError, StreamRegistry, type BatchResult, type StreamResult } from "./hrana.ts";
import { isObject } from "./values.ts";

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface ServerOptions {
  dataDir: string;
  /** 0 = random free port (default 0). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** If set, every route except /health needs `Authorization: Bearer <token>`. */
  authToken?: string;
  logger?: Logger;
  /** PRAGMA synchronous (default NORMAL; committed transactions survive a process crash). */
  synchronous?: SynchronousMode;
  /** Idle streams (with their open transaction) are rolled back after this (default 10 s). */
  streamIdleTimeoutMs?: number;
  /** How long a statement waits for a lock held by another stream (default 5 s). */
  busyTimeoutMs?: number;
  /** Maximum request body (default 32 MiB). */
  maxBodyBytes?: number;
  /** Maximum number of open streams (default 1000). */
  maxStreams?: number;
  /** Idle connections kept per database (default 8). */
  maxIdleConnections?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

class BodyTooLarge extends Error {}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const data = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(data),
  });
  res.end(data);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    if (tooLarge && declared > limit * 4) {
      // do not bother draining absurd uploads
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (total > limit * 4) {
          reject(new BodyTooLarge());
          req.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("request aborted")));
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m || m[1] === undefined) return false;
  const a = crypto.createHash("sha256").update(m[1]).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.logger ?? silentLogger;
  const host = opts.host ?? "127.0.0.1";
  const maxBody = opts.maxBodyBytes ?? 32 * 1024 * 1024;
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  const dbs = new DatabaseManager({
    dataDir: opts.dataDir,
    synchronous: opts.synchronous ?? "NORMAL",
    busyTimeoutMs,
    maxIdleConnections: opts.maxIdleConnections ?? 8,
  });
  const streams = new StreamRegistry({
    idleTimeoutMs: opts.streamIdleTimeoutMs ?? 10_000,
    busyTimeoutMs,
    maxStreams: opts.maxStreams ?? 1000,
    maxSqlTexts: 1000,
  });
  let closing = false;
  const inflight = new Set<Promise<unknown>>();

  async function jsonBody(req: http.IncomingMessage): Promise<unknown> {
    const buf = await readBody(req, maxBody);
    try {
      return JSON.parse(buf.toString("utf8"));
    } catch {
      throw new HttpError(400, "Request body is not valid JSON");
    }
  }

  function requireDb(name: string): DbEntry {
    const entry = dbs.get(name);
    if (!entry) throw new HttpError(404, `Database ${JSON.stringify(name)} does not exist`);
    return entry;
  }

  async function pipeline(entry: DbEntry, body: unknown): Promise<unknown> {
    if (!isObject(body)) throw new HttpError(400, "Pipeline body must be a JSON object");
    const baton = body.baton ?? null;
    if (baton !== null && typeof baton !== "string") throw new HttpError(400, "baton must be a string or null");
    if (!Array.isArray(body.requests)) throw new HttpError(400, "requests must be an array");
    const stream = streams.take(entry, baton);
    const results: StreamResult[] = [];
    try {
      for (const r of body.requests) results.push(await streams.runRequest(stream, r));
    } catch (e) {
      streams.close(stream);
      throw e;
    }
    const next = streams.finish(stream);
    return { baton: next, base_url: null, results };
  }

  async function cursor(entry: DbEntry, body: unknown): Promise<string> {
    if (!isObject(body)) throw new HttpError(400, "Cursor body must be a JSON object");
    const baton = body.baton ?? null;
    if (baton !== null && typeof baton !== "string") throw new HttpError(400, "baton must be a string or null");
    const stream = streams.take(entry, baton);
    const lines: unknown[] = [];
    let result: BatchResult | undefined;
    try {
      result = await streams.runBatch(stream, body.batch);
    } catch (e) {
      lines.push({ type: "error", error: { message: e instanceof Error ? e.message : String(e), code: "PROTO_ERROR" } });
    }
    const next = streams.finish(stream);
    if (result) {
      result.step_results.forEach((r, step) => {
        const err = result?.step_errors[step];
        if (err) lines.push({ type: "step_error", step, error: err });
        else if (r) {
          lines.push({ type: "step_begin", step, cols: r.cols });
          for (const row of r.rows) lines.push({ type: "row", row });
          lines.push({ type: "step_end", affected_row_count: r.affected_row_count, last_insert_rowid: r.last_insert_rowid });
        }
      });
    }
    return `${[{ baton: next, base_url: null }, ...lines].map((l) => JSON.stringify(l)).join("\n")}\n`;
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    let pathname: string;
    try {
      pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    } catch {
      throw new HttpError(400, "Bad request URL");
    }

    if (pathname === "/health") {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Method not allowed");
      sendJson(res, 200, { ok: true, databases: dbs.list().length });
      return;
    }
    if (closing) throw new HttpError(503, "Server is shutting down");
    if (opts.authToken !== undefined && !tokenMatches(req.headers.authorization, opts.authToken)) {
      req.resume();
      throw new HttpError(401, "Unauthorized: missing or invalid bearer token");
    }

    if (pathname === "/v1/databases") {
      if (method === "GET") {
        sendJson(res, 200, { databases: dbs.list().map((name) => ({ name, url_path: `/db/${name}/` })) });
        return;
      }
      if (method === "POST") {
        const body = await jsonBody(req);
        if (!isObject(body) || typeof body.name !== "string" || !DB_NAME_RE.test(body.name)) {
          throw new HttpError(400, "name must match ^[a-z0-9][a-z0-9_-]{0,62}$");
        }
        const { created } = dbs.create(body.name);
        if (created) log.info(`created database ${body.name}`);
        sendJson(res, created ? 201 : 200, { name: body.name, url_path: `/db/${body.name}/`, created });
        return;
      }
      throw new HttpError(405, "Method not allowed");
    }

    const dbMatch = /^\/v1\/databases\/([^/]+)\/?$/.exec(pathname);
    if (dbMatch) {
      const name = decodeURIComponent(dbMatch[1] ?? "");
      if (method === "GET") {
        requireDb(name);
        sendJson(res, 200, { name, url_path: `/db/${name}/` });
        return;
      }
      if (method === "DELETE") {
        const deleted = dbs.delete(name, (entry) => streams.closeForEntry(entry));
        if (!deleted) throw new HttpError(404, `Database ${JSON.stringify(name)} does not exist`);
        log.info(`deleted database ${name}`);
        sendJson(res, 200, { name, deleted: true });
        return;
      }
      throw new HttpError(405, "Method not allowed");
    }

    const m = /^\/db\/([^/]+)\/(.*)$/.exec(pathname);
    if (m) {
      const name = m[1] ?? "";
      const rest = (m[2] ?? "").replace(/\/+$/, "");
      if (rest === "v3-protobuf" || rest.startsWith("v3-protobuf/")) {
        throw new HttpError(404, "Protobuf encoding is not supported; use JSON (v2 or v3)");
      }
      const entry = requireDb(name);
      if (rest === "" || rest === "v2" || rest === "v3") {
        if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Method not allowed");
        sendJson(res, 200, { name: entry.name, versions: ["v2", "v3"] });
        return;
      }
      if (rest === "v2/pipeline" || rest === "v3/pipeline") {
        if (method !== "POST") throw new HttpError(405, "Method not allowed");
        const body = await jsonBody(req);
        sendJson(res, 200, await pipeline(entry, body));
        return;
      }
      if (rest === "v3/cursor") {
        if (method !== "POST") throw new HttpError(405, "Method not allowed");
        const body = await jsonBody(req);
        const text = await cursor(entry, body);
        res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      throw new HttpError(404, `Unknown endpoint ${JSON.stringify(rest)}`);
    }
    if (/^\/(v2|v3|v3-protobuf)(\/|$)/.test(pathname)) {
      throw new HttpError(404, "No database selected: use a client URL of the form http://host:port/db/<name>/ (with trailing slash)");
    }
    throw new HttpError(404, "Not found");
  }

  const server = http.createServer((req, res) => {
    const p = route(req, res)
      .catch((e: unknown) => {
        if (e instanceof HttpError) {
          sendJson(res, e.status, { message: e.message });
        } else if (e instanceof BodyTooLarge) {
          res.setHeader("connection", "close");
          sendJson(res, 413, { message: `Request body exceeds ${maxBody} bytes` });
        } else {
          log.error(`internal error on ${req.method} ${req.url}: ${e instanceof Error ? e.stack : String(e)}`);
          sendJson(res, 500, { message: `Internal server error: ${e instanceof Error ? e.message : String(e)}` });
        }
      })
      .catch(() => res.destroy());
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  server.keepAliveTimeout = 5000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log.info(`libsql-server listening on ${url} (data dir ${opts.dataDir})`);

  let closePromise: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closePromise ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, 2000))]);
        server.closeAllConnections();
        await stopped;
        streams.closeAll();
        dbs.closeAll();
      })();
      return closePromise;
    },
  };
}
