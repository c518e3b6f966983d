export * from "./settings.ts";
export * from "./channels.ts";
