// npm run bench:functions — the function host through the real SDK's callFunction, on the product's
// `health` function: cold-start latency (a fresh instance per call), warm latency and throughput with
// 1, 10 and 50 concurrent callers, and, as the baseline from the same run, a bare admin-API round
// trip (a count on an empty collection) that involves no function at all.
import tcb from '@cloudbase/node-sdk';
import { type EmulatorHandle, startEmulator } from '../test/support/emulator.js';
import { fmt, measure as run, pct, printFigures } from './lib.js';

const COLD_SAMPLES = Number(process.env.BENCH_COLD ?? 12);
const WARM_CALLS = Number(process.env.BENCH_CALLS ?? 600);
const CONCURRENCY = [1, 10, 50];

const emu: EmulatorHandle = await startEmulator({
  spec: 'cloudfunctions/collections.json',
  args: ['--functions', 'cloudfunctions', '--max-instances', '50', '--manual-timers'],
});
const figures: Record<string, number> = {};
try {
  // Starting 50 instances at once on 2 cores takes longer than the SDK's default request timeout.
  const apps = Array.from({ length: 50 }, (_, i) =>
    tcb.init({ env: 'redpark-local', secretId: 'x', secretKey: 'y', serviceUrl: `${emu.baseUrl}/admin`, timeout: 120_000, headers: { 'x-wx-openid': `o_bench_${i}` } } as Parameters<typeof tcb.init>[0]),
  );
  const health = (i: number) => apps[i % apps.length]!.callFunction({ name: 'health', data: {} });
  console.log(`functions bench: health via SDK callFunction to ${emu.baseUrl}, ${COLD_SAMPLES} cold samples, ${WARM_CALLS} warm calls per level`);

  const cold: number[] = [];
  const startup: number[] = [];
  for (let i = 0; i < COLD_SAMPLES; i++) {
    await emu.api('POST', '/_emulator/functions/recycle', { function: 'health' });
    const t = performance.now();
    await health(i);
    cold.push(performance.now() - t);
    const calls = await emu.api('GET', '/_emulator/functions/calls?function=health&limit=1');
    startup.push(calls[0].coldStartMs);
  }
  cold.sort((a, b) => a - b);
  startup.sort((a, b) => a - b);
  console.log(`cold        p50 ${fmt(pct(cold, 50))} ms   p99 ${fmt(pct(cold, 99))} ms   (instance start p50 ${fmt(pct(startup, 50))} ms)`);
  Object.assign(figures, { cold_p50_ms: +pct(cold, 50).toFixed(1), cold_p99_ms: +pct(cold, 99).toFixed(1), instance_start_p50_ms: +pct(startup, 50).toFixed(1) });

  const db = emu.app().database();
  await db.createCollection('bench_empty').catch(() => undefined);
  for (const c of CONCURRENCY) {
    // Provisioned concurrency: c instances up before measuring, so warm means warm.
    await emu.api('POST', '/_emulator/functions/provision', { function: 'health', instances: c });
    await run(c * 2, c, health);
    const instances = (await emu.api('GET', '/_emulator/functions')).find((f: { name: string }) => f.name === 'health').instances;
    const warm = await run(WARM_CALLS, c, health);
    const recent = (await emu.api('GET', `/_emulator/functions/calls?function=health&limit=${WARM_CALLS}`)) as Array<{ coldStartMs: number }>;
    const coldInWarm = recent.filter((x) => x.coldStartMs > 0).length;
    if (coldInWarm) console.log(`  (note: ${coldInWarm} of the ${WARM_CALLS} warm calls at c=${c} started an instance; ${instances} were up before)`);
    const base = await run(WARM_CALLS, c, () => db.collection('bench_empty').count());
    console.log(
      `warm c=${String(c).padEnd(3)} ${fmt(warm.perSec).padStart(6)} calls/s   p50 ${fmt(warm.p50)} ms   p99 ${fmt(warm.p99)} ms` +
        `   | baseline admin round trip: ${fmt(base.perSec)} /s, p50 ${fmt(base.p50)} ms, p99 ${fmt(base.p99)} ms`,
    );
    Object.assign(figures, {
      [`warm_c${c}_per_s`]: Math.round(warm.perSec), [`warm_c${c}_p50_ms`]: +warm.p50.toFixed(2), [`warm_c${c}_p99_ms`]: +warm.p99.toFixed(2),
      [`baseline_c${c}_per_s`]: Math.round(base.perSec), [`baseline_c${c}_p50_ms`]: +base.p50.toFixed(2),
    });
  }
} finally {
  await emu.stop();
}
printFigures(figures);
