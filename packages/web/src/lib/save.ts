import { useEffect, useState } from "preact/hooks";
import { ApiError, ifMatch } from "./api.ts";
import { type FieldErrors, type Schema, serverErrors, validate } from "./form.ts";
import { invalidate } from "./query.ts";

interface Options<T extends { version: number }> {
  /** The query (key prefix) that shows what the form saves: fetched again after a save or a stale answer. */
  refresh: string;
  /** What a 412 says: someone else saved the thing since this form opened. */
  staleText: string;
  /** The thing changed, as shown when the form opened; none for a new one. */
  current?: T | undefined;
  /** After a stale answer, the latest values arrive: the form takes them, so the next save starts from them. */
  reset?(latest: T): void;
}

/**
 * A create-or-edit form's save: checked with the schema the API checks with, then sent with If-Match on the
 * version the form opened with (a background refresh never moves it, so a save over someone else's change
 * answers 412 instead of overwriting it). A 412 puts `staleText` over the form and, once the latest version
 * arrives, hands it to `reset`; any other problem+json puts its `errors[]` on the fields.
 */
export function useSave<T extends { version: number }>({ refresh, staleText, current, reset }: Options<T>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [version, setVersion] = useState(current?.version ?? 0);
  useEffect(() => {
    if (stale && current && current.version !== version) {
      reset?.(current);
      setVersion(current.version);
    }
  }, [stale, current?.version]);

  async function save<I>(schema: Schema<I>, input: unknown, send: (data: I, ifMatch: string) => Promise<unknown>): Promise<boolean> {
    const v = validate(schema, input);
    if (!v.ok) {
      setErrors(v.errors);
      return false;
    }
    setBusy(true);
    try {
      await send(v.data, ifMatch(version));
      setErrors({});
      setStale(false);
      invalidate(refresh);
      return true;
    } catch (err) {
      const isStale = err instanceof ApiError && err.status === 412;
      setStale(isStale);
      setErrors(isStale ? { "(body)": staleText } : serverErrors(err));
      if (isStale) invalidate(refresh);
      return false;
    } finally {
      setBusy(false);
    }
  }
  /** The errors no field of the form shows (the problem's title, a 412, a path the form has no field for). */
  const unplaced = (fields: readonly string[]) =>
    errors["(body)"] ?? Object.entries(errors).find(([path]) => !fields.includes(path))?.[1] ?? null;
  return { errors, setErrors, busy, stale, save, unplaced };
}
