export * from "./kind.ts";
export * from "./category.ts";
export * from "./schema.ts";
export * from "./intake.ts";
export * from "./limits.ts";
export * from "./rating.ts";
export * from "./read-audit.ts";
export * from "./search.ts";
