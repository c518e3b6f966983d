export * from "./role.ts";
export * from "./permission.ts";
export * from "./password-policy.ts";
export * from "./password.ts";
export * from "./schema.ts";
export * from "./request-access.ts";
