export * from "./branch-status.ts";
export * from "./schemas.ts";
export * from "./export-file.ts";
