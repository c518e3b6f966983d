export * from "./id/index.ts";
export * from "./errors/index.ts";
export * from "./request/index.ts";
export * from "./auth/index.ts";
export * from "./i18n/index.ts";
export * from "./branch/index.ts";
export * from "./milestone/index.ts";
export * from "./deadline/index.ts";
