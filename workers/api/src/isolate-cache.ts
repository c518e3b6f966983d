/**
 * Values kept briefly per isolate: settings and staff lists change rarely and are read on every intake.
 * An isolate may serve a stale value for up to `ttlMs` after a change made through another isolate.
 */
export function isolateCache<T>(ttlMs: number) {
  const entries = new Map<string, { value: T; at: number }>();
  return {
    async get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = await load();
      entries.set(key, { value, at: Date.now() });
      return value;
    },
    forget(key: string): void {
      entries.delete(key);
    },
  };
}
