// Shared by the benchmarks: run operations with a fixed number in flight and summarise latencies.

export const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** Run `n` operations with `concurrency` in flight: throughput and p50/p99 latency in ms. */
export async function measure(n: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await op(i);
        lat.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { perSec: n / secs, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** The last line of every benchmark: its figures as name=value pairs. */
export function printFigures(figures: Record<string, number>): void {
  console.log(Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' '));
}
