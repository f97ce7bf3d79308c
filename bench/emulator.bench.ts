// npm run bench:emulator — the emulator's database through the real SDK over HTTP, file-backed
// (WAL) as `npm start` runs it. At 10k and 100k documents: throughput and p50/p99 latency of
// indexed get, insert and update; and, in the same run, documents examined by an indexed query
// against its baseline, the same query on an unindexed field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../test/support/emulator.js';
import { fmt, measure, printFigures } from './lib.js';

const SIZES = [10_000, 100_000];
const OPS = Number(process.env.BENCH_OPS ?? 2000);
const CONCURRENCY = 8;

const dir = mkdtempSync(path.join(os.tmpdir(), 'redpark-bench-'));
const spec = path.join(dir, 'bench.collections.json');
writeFileSync(
  spec,
  JSON.stringify({ collections: [{ name: 'people', indexes: [{ name: 'code_1', keys: { code: 1 }, unique: true }, { name: 'branch_1', keys: { branch: 1 } }] }] }),
);

const person = (i: number) => ({
  code: `P${String(i).padStart(7, '0')}`,
  branch: `branch-${i % 200}`,
  name: `党员${i}`,
  joined: new Date(Date.UTC(1980 + (i % 40), i % 12, 1 + (i % 28))),
  points: i % 500,
  memo: `memo-${i % 200}`, // same selectivity as branch, but not indexed
  tags: ['先锋岗', i % 2 ? '示范岗' : '责任区'],
});

const emu = await startEmulator({ spec, dataDir: dir });
const db = emu.app().database();
const _ = db.command;
const people = db.collection('people');
const figures: Record<string, number> = {};

console.log(`emulator bench: SDK over HTTP to ${emu.baseUrl}, file-backed WAL store, ${OPS} ops per figure, ${CONCURRENCY} in flight`);
let count = 0;
let inserted = 0;
try {
  for (const size of SIZES) {
    while (count < size) {
      const batch = Array.from({ length: Math.min(1000, size - count) }, (_, k) => person(count + k));
      await people.add(batch);
      count += batch.length;
    }
    const tag = size >= 1000 ? `${size / 1000}k` : String(size);
    const get = await measure(OPS, CONCURRENCY, (i) => people.where({ code: person((i * 7919) % size).code }).get());
    const ins = await measure(OPS, CONCURRENCY, (i) => people.add({ ...person(1_000_000 + inserted + i), code: `N${size}-${inserted + i}` }));
    inserted += OPS;
    count += OPS;
    const upd = await measure(OPS, CONCURRENCY, (i) => people.where({ code: person((i * 104729) % size).code }).update({ points: _.inc(1) }));
    for (const [name, r] of [['get', get], ['insert', ins], ['update', upd]] as const) {
      console.log(`${tag.padStart(5)} ${name.padEnd(7)} ${fmt(r.perSec).padStart(7)} ops/s   p50 ${fmt(r.p50)} ms   p99 ${fmt(r.p99)} ms`);
      figures[`${name}_ops_${tag}`] = Math.round(r.perSec);
      figures[`${name}_p50_ms_${tag}`] = Number(r.p50.toFixed(3));
      figures[`${name}_p99_ms_${tag}`] = Number(r.p99.toFixed(3));
    }
    // The same answer through an index (branch) and through a scan (memo).
    await emu.resetStats();
    const t1 = performance.now();
    const byIndex = await people.where({ branch: 'branch-7' }).limit(1000).get();
    const indexedMs = performance.now() - t1;
    const indexed = await emu.stats();
    await emu.resetStats();
    const t2 = performance.now();
    const byScan = await people.where({ memo: 'memo-7' }).limit(1000).get();
    const scanMs = performance.now() - t2;
    const scanned = await emu.stats();
    console.log(
      `${tag.padStart(5)} query   indexed: ${byIndex.data.length} returned, ${indexed.docsExamined} examined, ${fmt(indexedMs)} ms` +
        ` | unindexed baseline: ${byScan.data.length} returned, ${scanned.docsExamined} examined, ${fmt(scanMs)} ms` +
        ` | ${(scanned.docsExamined / Math.max(1, indexed.docsExamined)).toFixed(0)}x fewer examined`,
    );
    figures[`indexed_examined_${tag}`] = indexed.docsExamined;
    figures[`unindexed_examined_${tag}`] = scanned.docsExamined;
    figures[`indexed_query_ms_${tag}`] = Number(indexedMs.toFixed(2));
    figures[`unindexed_query_ms_${tag}`] = Number(scanMs.toFixed(2));
  }
} finally {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
}
printFigures(figures);
