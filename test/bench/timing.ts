import { performance } from "node:perf_hooks";

export interface Stats {
  median: number;
  p95: number;
}

/** Median and p95 of `runs` timed calls after `warmup` untimed ones, in ms. */
export async function time(fn: () => Promise<unknown>, warmup: number, runs: number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95) };
}
