export * from "./database-host.ts";
export * from "./provision.ts";
export * from "./seed.ts";
export * from "./testing.ts";
