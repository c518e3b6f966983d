import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { describe, expect, it } from "vitest";
import { Bindings, compile, compiledCache } from "../src/repo/compiled.ts";
import { requests } from "../src/schema/branch.ts";

// Only builds SQL: no database is opened (drizzle needs a client object to build, never to call it).
const db = drizzle({ client: {} as never });

describe("statements compiled once per shape", () => {
  it("refuse a value that is not bound: it would be served to the next request of the same shape", () => {
    expect(() => compile(db.select().from(requests).where(eq(requests.kind, "repair")))).toThrow(/literal value \(repair\)/);
    expect(() => compile(db.select().from(requests).where(sql`${requests.status} in ('open', 'closed')`))).not.toThrow();
  });

  it("fill each request's own values into one compiled statement, and tell shapes apart by what is bound", () => {
    const page = compiledCache<ReturnType<typeof compile>>(2);
    const build = (status: string | undefined, kind: string) => {
      const b = new Bindings();
      const where = [eq(requests.kind, b.bind("kind", kind)), ...(status ? [eq(requests.status, b.bind("status", status))] : [])];
      const query = page(b.shape, () => compile(db.select({ id: requests.id }).from(requests).where(sql.join(where, sql` and `))));
      return { query, args: b.args(query) as unknown[] };
    };
    const first = build(undefined, "repair");
    const second = build(undefined, "complaint");
    expect(second.query).toBe(first.query);
    expect(second.args).toEqual(["complaint"]);
    const filtered = build("closed", "repair");
    expect(filtered.query).not.toBe(first.query);
    expect(filtered.args).toEqual(["repair", "closed"]);
  });

  it("keep at most their capacity of shapes, dropping the oldest", () => {
    const cache = compiledCache<number>(2);
    let builds = 0;
    const get = (shape: string) => cache(shape, () => ++builds);
    get("a");
    get("b");
    get("a");
    expect(builds).toBe(2);
    get("c");
    get("a");
    expect(builds).toBe(4);
  });
});
