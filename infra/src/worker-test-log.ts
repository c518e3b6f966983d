// What a worker test reads of the worker's log: the JSON lines it wrote on console.error, as they come.

/** The JSON log lines written through a spied console method (other lines are skipped). */
export function loggedLines(spy: { mock: { calls: unknown[][] } }): Array<Record<string, unknown>> {
  return spy.mock.calls.flatMap(([line]) => {
    try {
      return [JSON.parse(String(line)) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Polls `probe` until it finds something (a queue delivers in the background), or fails after `ms`. */
export async function until<T>(probe: () => T | undefined, ms = 25_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const hit = probe();
    if (hit !== undefined) return hit;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}
