export * from "./guard.ts";
