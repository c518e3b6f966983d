export { startServer } from "./server.ts";
export type { Logger, RunningServer, ServerOptions } from "./server.ts";
