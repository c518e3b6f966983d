export * from "./types.ts";
export * from "./webhook.ts";
export * from "./sms-limits.ts";
