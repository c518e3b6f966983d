export * from "./client/index.ts";
export * from "./migrate/index.ts";
export * as schema from "./schema/index.ts";
export * from "./repo/index.ts";
export * from "./runtime/index.ts";
export * from "./provision/index.ts";
