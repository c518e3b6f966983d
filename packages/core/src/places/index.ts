export * from "./schema.ts";
export * from "./import.ts";
