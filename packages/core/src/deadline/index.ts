export * from "./zoned-time.ts";
export * from "./calendar.ts";
export * from "./pause.ts";
export * from "./policy.ts";
export * from "./holiday-list.ts";
