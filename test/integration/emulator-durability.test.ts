// Durability: under continuous write load the emulator is killed with SIGKILL and restarted.
// Every acknowledged write must be there, and no write may be half-applied.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmulatorHandle, startEmulator } from '../support/emulator.js';

const WRITERS = 6;
const ROUNDS = 3;
const LOAD_MS = 1200;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'redpark-durability-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Acked {
  singles: Set<string>;
  batches: Set<string>;
  /** Per counter document: increments acknowledged, and increments attempted. */
  incs: Map<string, { acked: number; tried: number }>;
}

async function load(emu: EmulatorHandle, round: number, acked: Acked, stop: { now: boolean }): Promise<void> {
  const db = emu.app().database();
  const _ = db.command;
  const writer = async (w: number) => {
    for (let i = 0; !stop.now; i++) {
      const id = `r${round}-w${w}-${i}`;
      const counter = `counter-${w}`;
      const c = acked.incs.get(counter)!;
      try {
        switch (i % 3) {
          case 0:
            await db.collection('items').add({ _id: id, round, writer: w, seq: i, text: '党员先锋岗 🚩'.repeat(4) });
            acked.singles.add(id);
            break;
          case 1:
            // A batch of five is all-or-nothing.
            await db.collection('items').add([0, 1, 2, 3, 4].map((k) => ({ _id: `${id}-b${k}`, batch: id, k })));
            acked.batches.add(id);
            break;
          default:
            // Two fields raised together: a half-applied update would leave them unequal.
            c.tried++;
            await db.collection('counters').doc(counter).update({ a: _.inc(1), b: _.inc(1), last: id });
            c.acked++;
        }
      } catch {
        // The emulator died mid-request: this write was not acknowledged.
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
}

test('acknowledged writes survive SIGKILL and none is half-applied', async () => {
  const acked: Acked = { singles: new Set(), batches: new Set(), incs: new Map() };
  let emu = await startEmulator({ dataDir: dir });
  const setupDb = emu.app().database();
  for (let w = 0; w < WRITERS; w++) {
    await setupDb.collection('counters').add({ _id: `counter-${w}`, a: 0, b: 0 });
    acked.incs.set(`counter-${w}`, { acked: 0, tried: 0 });
  }

  for (let round = 0; round < ROUNDS; round++) {
    const stop = { now: false };
    const running = load(emu, round, acked, stop);
    await new Promise((r) => setTimeout(r, LOAD_MS));
    await emu.kill('SIGKILL'); // writes in flight now fail
    stop.now = true;
    await running;
    emu = await startEmulator({ dataDir: dir });

    const db = emu.app().database();
    const _ = db.command;
    const all: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await db.collection('items').where({ _id: _.exists(true) }).orderBy('_id', 'asc').skip(offset).limit(1000).get();
      all.push(...(page.data as Array<Record<string, unknown>>));
      if (page.data.length < 1000) break;
    }
    const ids = new Set(all.map((d) => String(d._id)));
    for (const id of acked.singles) assert.ok(ids.has(id), `acknowledged insert ${id} is missing after round ${round}`);
    const byBatch = new Map<string, number>();
    for (const d of all) if (typeof d.batch === 'string') byBatch.set(d.batch, (byBatch.get(d.batch) ?? 0) + 1);
    for (const [batch, n] of byBatch) assert.equal(n, 5, `batch ${batch} is half-applied (${n} of 5 documents)`);
    for (const batch of acked.batches) assert.equal(byBatch.get(batch), 5, `acknowledged batch ${batch} is missing`);
    for (const [counter, c] of acked.incs) {
      const { data } = await db.collection('counters').doc(counter).get();
      const doc = data[0] as { a: number; b: number };
      assert.equal(doc.a, doc.b, `${counter} half-applied: a=${doc.a} b=${doc.b}`);
      assert.ok(doc.a >= c.acked && doc.a <= c.tried, `${counter}: a=${doc.a}, acknowledged ${c.acked}, attempted ${c.tried}`);
    }
    const incs = [...acked.incs.values()].reduce((n, c) => n + c.acked, 0);
    console.log(`round ${round}: ${acked.singles.size} inserts, ${acked.batches.size} batches, ${incs} updates acknowledged so far; all present`);
    assert.ok(acked.singles.size > (round + 1) * 20, `the load produced too few writes to mean anything (${acked.singles.size})`);
  }
  await emu.stop();
});
