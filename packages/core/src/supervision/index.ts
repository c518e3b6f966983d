export * from "./reporting-calendar.ts";
export * from "./on-time.ts";
