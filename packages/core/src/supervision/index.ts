export * from "./on-time.ts";
