export * from "./duty.ts";
