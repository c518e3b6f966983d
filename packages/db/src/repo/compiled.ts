import { fillPlaceholders, is, Param, Placeholder, type SQLWrapper, sql } from "drizzle-orm";

// Statements that run on every request (intake, the register page) are built through drizzle once per shape and
// isolate: building them cost more JavaScript than the rest of the request (see docs/performance.md).

/** A statement's values, each bound by name: `bind` puts a placeholder in the SQL and keeps the value. */
export class Bindings {
  readonly values: Record<string, unknown> = {};
  readonly #names: string[] = [];
  bind = (name: string, value: unknown): Placeholder => {
    this.values[name] = value;
    this.#names.push(name);
    return sql.placeholder(name);
  };
  /** A copy to bind more values into (one statement of several that share the first ones). */
  fork(): Bindings {
    const copy = new Bindings();
    Object.assign(copy.values, this.values);
    copy.#names.push(...this.#names);
    return copy;
  }
  /** Which values were bound, in order: two builds with the same shape are the same SQL. */
  get shape(): string {
    return this.#names.join(",");
  }
  /** The compiled statement's arguments. */
  args(query: CompiledQuery): never {
    return fillPlaceholders(query.params, this.values) as never;
  }
}

export type Bind = Bindings["bind"];

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/**
 * The SQL of a query whose every value is bound: a literal value would be kept with the compiled SQL and served to
 * the next request of the same shape, so it is refused here (constants belong in the SQL text).
 */
export function compile(query: SQLWrapper & { toSQL(): CompiledQuery }): CompiledQuery {
  const built = query.toSQL();
  const literal = built.params.find((p) => !is(p, Placeholder) && !(is(p, Param) && is(p.value, Placeholder)));
  if (literal !== undefined) throw new Error(`a compiled statement holds a literal value (${String(literal)}): bind it`);
  return built;
}

/** Built values kept by shape for the isolate's life, at most `capacity` shapes (the oldest goes first). */
export function compiledCache<T>(capacity = 64): (shape: string, build: () => T) => T {
  const built = new Map<string, T>();
  return (shape, build) => {
    let found = built.get(shape);
    if (found === undefined) {
      found = build();
      if (built.size >= capacity) built.delete(built.keys().next().value!);
      built.set(shape, found);
    }
    return found;
  };
}
