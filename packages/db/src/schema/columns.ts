import { integer, text } from "drizzle-orm/sqlite-core";

// Ids are prefixed strings; instants are integer epoch milliseconds (UTC).
export const id = () => text("id").primaryKey();
export const instant = (name: string) => integer(name, { mode: "number" });
export const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();
export const timestamps = {
  createdAt: instant("created_at").notNull(),
  updatedAt: instant("updated_at").notNull(),
};
export const version = () => integer("version").notNull().default(1);
