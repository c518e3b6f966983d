export * from "./notice.ts";
export * from "./visitor.ts";
export * from "./handover.ts";
export * from "./schemas.ts";
export * from "./survey.ts";
