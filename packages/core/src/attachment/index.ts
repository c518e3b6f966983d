export * from "./image.ts";
export * from "./policy.ts";
