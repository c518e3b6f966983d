import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "turso",
  schema: "./src/schema/branch.ts",
  out: "./migrations/branch",
});
