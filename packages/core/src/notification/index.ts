export * from "./types.ts";
export * from "./webhook.ts";
