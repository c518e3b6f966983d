export * from "./schemas.ts";
export * from "./outbox-rows.ts";
