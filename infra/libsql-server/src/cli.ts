#!/usr/bin/env -S node --import tsx
/**
 * tsx src/cli.ts --data-dir .data/libsql --port 8080 --token xyz [--host 127.0.0.1] [--synchronous FULL]
 * Env: LIBSQL_DATA_DIR, LIBSQL_PORT, LIBSQL_HOST, LIBSQL_AUTH_TOKEN, LIBSQL_SYNCHRONOUS
 */
import { parseArgs } from "node:util";
import type { SynchronousMode } from "./db.ts";
import { startServer } from "./server.ts";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    token: { type: "string" },
    synchronous: { type: "string" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(
    "usage: libsql-server --data-dir DIR [--port 8080] [--host 127.0.0.1] [--token TOKEN] [--synchronous NORMAL|FULL]\n",
  );
  process.exit(0);
}

const dataDir = values["data-dir"] ?? process.env.LIBSQL_DATA_DIR ?? ".data/libsql";
const port = Number(values.port ?? process.env.LIBSQL_PORT ?? 8080);
const host = values.host ?? process.env.LIBSQL_HOST ?? "127.0.0.1";
const authToken = values.token ?? process.env.LIBSQL_AUTH_TOKEN ?? undefined;
const sync = (values.synchronous ?? process.env.LIBSQL_SYNCHRONOUS ?? "NORMAL").toUpperCase();
if (!["OFF", "NORMAL", "FULL", "EXTRA"].includes(sync)) {
  process.stderr.write(`invalid --synchronous ${sync}\n`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`invalid port ${String(port)}\n`);
  process.exit(2);
}

const stderrLog = (level: string) => (msg: string) => {
  if (!values.quiet || level !== "info") process.stderr.write(`[libsql-server] ${level}: ${msg}\n`);
};

const server = await startServer({
  dataDir,
  port,
  host,
  ...(authToken ? { authToken } : {}),
  synchronous: sync as SynchronousMode,
  logger: { info: stderrLog("info"), warn: stderrLog("warn"), error: stderrLog("error") },
});
process.stdout.write(`libsql-server listening on ${server.url}\n`);

let stopping = false;
const stop = (sig: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`[libsql-server] ${sig}: shutting down\n`);
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`[libsql-server] error during shutdown: ${String(e)}\n`);
      process.exit(1);
    },
  );
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.on("uncaughtException", (e) => {
  process.stderr.write(`[libsql-server] uncaught exception: ${e.stack ?? String(e)}\n`);
});
process.on("unhandledRejection", (e) => {
  process.stderr.write(`[libsql-server] unhandled rejection: ${String(e)}\n`);
});
