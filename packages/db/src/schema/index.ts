export * as control from "./control.ts";
export * as branch from "./branch.ts";
export * as supervision from "./supervision.ts";
