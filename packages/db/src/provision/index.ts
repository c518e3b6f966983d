export * from "./host.ts";
export * from "./branch.ts";
export * from "./graph.ts";
export * from "./export.ts";
export * from "./restore.ts";
export * from "./remove.ts";
export * from "./migrate-all.ts";
export * from "./backup.ts";
