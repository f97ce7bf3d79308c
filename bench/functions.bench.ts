// npm run bench:functions — first, each function's deployable bundle (`npm run build:functions`, built
// into a temporary folder) loaded in a fresh Node process, as a cold start on CloudBase does: the time
// to require its index.js, per function, against the target (LOAD_TARGET_MS locally), with the form before
// issue 21 (`--legacy`: the SDK required from node_modules) as the baseline of the same run. Then the
// function host through the real SDK's callFunction, on the product's `health` function: cold-start
// latency (a fresh instance per call), warm latency and throughput with 1, 10 and 50 concurrent
// callers, and, as the baseline from the same run, a bare admin-API round trip (a count on an empty
// collection) that involves no function at all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { ROOT, type EmulatorHandle, startEmulator } from '../test/support/emulator.js';
import { fmt, measure as run, pct, printFigures } from './lib.js';

const LOAD_TARGET_MS = 300;
const LOAD_SAMPLES = Number(process.env.BENCH_LOAD_SAMPLES ?? 5);
const figures: Record<string, number> = {};
{
  // Today's bundles against the form before issue 21 (`build-functions.mjs --legacy`: the SDK left for CloudBase to
  // install, not minified, exceljs inside), both built in this run.
  const out = mkdtempSync(path.join(os.tmpdir(), 'redpark-fn-load-'));
  const legacy = mkdtempSync(path.join(os.tmpdir(), 'redpark-fn-load-legacy-'));
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-functions.mjs'), '--out', out], { stdio: 'ignore' });
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-functions.mjs'), '--legacy', '--out', legacy], { stdio: 'ignore' });
    // One fresh process per sample; the time inside it from before require() to after (the module's top level run).
    const loadMs = (file: string): number => {
      const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); process.exit(0);`;
      // Resolved from the project (as CloudBase resolves the installed SDK beside a legacy bundle).
      return Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } }).toString());
    };
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const sdk = mid(Array.from({ length: LOAD_SAMPLES }, () => loadMs('@cloudbase/node-sdk')));
    console.log(`function bundles (build:functions), load time in a fresh process, median of ${LOAD_SAMPLES}; target < ${LOAD_TARGET_MS} ms; before = the legacy build in this run; @cloudbase/node-sdk alone from node_modules: ${fmt(sdk)} ms`);
    figures.load_sdk_ms = +sdk.toFixed(1);
    let over = 0;
    for (const name of readdirSync(out).filter((d) => statSync(path.join(out, d)).isDirectory()).sort()) {
      const file = path.join(out, name, 'index.js');
      // Alternate the two forms sample by sample, so that a busy moment weighs on both alike.
      const now: number[] = [];
      const before: number[] = [];
      for (let i = 0; i < LOAD_SAMPLES; i++) {
        now.push(loadMs(file));
        before.push(loadMs(path.join(legacy, name, 'index.js')));
      }
      const ms = mid(now);
      const was = mid(before);
      const kb = statSync(file).size / 1024;
      const wasKb = statSync(path.join(legacy, name, 'index.js')).size / 1024;
      if (ms >= LOAD_TARGET_MS) over++;
      console.log(`  ${name.padEnd(12)} ${fmt(ms).padStart(7)} ms  ${fmt(kb).padStart(6)} KB  | before ${fmt(was).padStart(7)} ms ${fmt(wasKb).padStart(6)} KB + SDK  ${ms < LOAD_TARGET_MS ? 'ok' : 'OVER the target'}`);
      figures[`load_${name}_ms`] = +ms.toFixed(1);
      figures[`load_${name}_before_ms`] = +was.toFixed(1);
    }
    figures.load_over_target = over;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(legacy, { recursive: true, force: true });
  }
}

const COLD_SAMPLES = Number(process.env.BENCH_COLD ?? 12);
const WARM_CALLS = Number(process.env.BENCH_CALLS ?? 600);
const CONCURRENCY = [1, 10, 50];

const emu: EmulatorHandle = await startEmulator({
  spec: 'cloudfunctions/collections.json',
  args: ['--functions', 'cloudfunctions', '--max-instances', '50', '--manual-timers'],
});
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
