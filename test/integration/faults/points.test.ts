// awardPoints killed at every kill point (one transaction: the ledger entry, the person's four totals and
// the branch's three, with conflict retries), then the feature's retry of the same event: the points and
// the branch counter that comes with them land exactly once, every total right, nothing else written.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import type { TestPark } from '../../support/park.js';
import { type Outcome, startFaults, sweep } from './support.js';

describe('faults: awardPoints', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startFaults()));
  afterAll(() => emu?.stop());

  test('killed before or after its commit, the retried award lands exactly once, with its counter', async () => {
    // Through the test-only points-fixture function, as a feature calls it (a study completion).
    const input = {
      parkId: park.parkId, personId: park.ids.王芳, branchId: park.branches.A, item: 'topicCompleted', sourceId: 'topic:fault-sweep', note: '完成专题',
      counters: { topicsCompleted: 1 },
    };
    const call = async (): Promise<Outcome> => {
      try {
        const { result } = await emu.app().callFunction({ name: 'points-fixture', data: { op: 'award', input } });
        const r = result as { ok: boolean; result?: unknown; error?: string };
        return { reply: r.ok ? { ok: true, data: r.result } : { ok: false, error: { code: 'INTERNAL', message: r.error ?? '' } } } as Outcome;
      } catch (e) {
        return { platform: (e as { code?: string }).code ?? String(e) };
      }
    };
    const r = await sweep(emu, { fn: 'points-fixture', call, settled: (o) => o.reply?.ok === true });
    // docs/ARCHITECTURE.md: the person's first award of the year costs 3 requests (the totals with the table, the
    // entry, the new totals inserted with the award in them), none in a transaction.
    assert.deepEqual([r.requests, r.writes, r.commits], [3, 2, 0]);
  });
});
