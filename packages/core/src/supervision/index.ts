export * from "./reporting-calendar.ts";
