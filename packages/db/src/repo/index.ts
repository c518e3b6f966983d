export * from "./branch-directory.ts";
export * from "./staff.ts";
export * from "./outbox.ts";
export * from "./request.ts";
export * from "./supervision.ts";
export * from "./inbox.ts";
export * from "./resident.ts";
export * from "./milestone.ts";
