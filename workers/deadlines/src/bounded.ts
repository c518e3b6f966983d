/**
 * Runs `fn` over `items` with at most `limit` calls in flight, and resolves once every call has settled.
 * `fn` is expected to handle its own errors; one that throws anyway does not stop the others.
 */
export async function eachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        console.error(JSON.stringify({ level: "error", msg: "unhandled error in a bounded task", error: String(err) }));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
