export * from "./notice.ts";
export * from "./lifecycle.ts";
