import { useCallback, useEffect, useState } from "preact/hooks";
import { onLocaleChange } from "./i18n.ts";

/**
 * A small query cache (the part of TanStack Query this app needs, in ~100 lines): one entry per key shared by
 * every component that reads it, stale-while-revalidate, polling with ETag (304 keeps the data), refetch on
 * focus and on language change, and invalidation by key prefix after a mutation.
 */
export interface Fetched<T> {
  status: number;
  data: T;
  etag: string | null;
}
type Fetcher<T> = (etag: string | null) => Promise<Fetched<T>>;

interface Entry {
  data?: unknown;
  error?: unknown;
  etag: string | null;
  at: number;
  inflight?: Promise<void>;
  fetcher: Fetcher<unknown>;
  subs: Set<() => void>;
}

const cache = new Map<string, Entry>();

function load(key: string, entry: Entry): Promise<void> {
  entry.inflight ??= entry
    .fetcher(entry.data === undefined ? null : entry.etag)
    .then((res) => {
      if (res.status !== 304) {
        entry.data = res.data;
        entry.etag = res.etag;
      }
      entry.error = undefined;
    })
    .catch((err) => {
      entry.error = err;
    })
    .finally(() => {
      entry.at = Date.now();
      entry.inflight = undefined;
      if (cache.get(key) === entry) for (const s of entry.subs) s();
    });
  return entry.inflight;
}

export function invalidate(prefix: string) {
  for (const [key, entry] of cache) {
    if (!key.startsWith(prefix)) continue;
    if (entry.subs.size) void load(key, entry);
    else cache.delete(key);
  }
}

export function setQueryData(key: string, data: unknown, etag: string | null = null) {
  const entry = cache.get(key);
  if (!entry) return;
  entry.data = data;
  entry.etag = etag;
  for (const s of entry.subs) s();
}

onLocaleChange(() => invalidate(""));
addEventListener("focus", () => invalidate(""));

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  refetch(): Promise<void>;
}

/** Reads `key` (null: not now), fetching when absent or older than `staleMs`, and every `pollMs` while shown. */
export function useQuery<T>(key: string | null, fetcher: Fetcher<T>, opts: { staleMs?: number; pollMs?: number } = {}): QueryState<T> {
  const [, tick] = useState(0);
  const entry = key ? cache.get(key) : undefined;
  useEffect(() => {
    if (!key) return;
    let e = cache.get(key);
    if (!e) {
      e = { etag: null, at: 0, fetcher: fetcher as Fetcher<unknown>, subs: new Set() };
      cache.set(key, e);
    }
    e.fetcher = fetcher as Fetcher<unknown>;
    const sub = () => tick((n) => n + 1);
    e.subs.add(sub);
    if (!e.inflight && (e.data === undefined || Date.now() - e.at > (opts.staleMs ?? 5_000))) void load(key, e);
    tick((n) => n + 1);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      timer = setTimeout(async () => {
        if (!document.hidden && cache.get(key) === e) await load(key, e!);
        poll();
      }, opts.pollMs);
    };
    if (opts.pollMs) poll();
    return () => {
      clearTimeout(timer);
      e!.subs.delete(sub);
    };
  }, [key, opts.pollMs]);
  const refetch = useCallback(async () => {
    const e = key ? cache.get(key) : undefined;
    if (key && e) await load(key, e);
  }, [key]);
  return {
    data: entry?.data as T | undefined,
    error: entry?.error,
    loading: !!key && entry?.data === undefined && entry?.error === undefined,
    refetch,
  };
}

/** The current time, ticking every `ms` (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
