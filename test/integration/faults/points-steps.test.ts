// awardPoints has no transaction: it reads, inserts its entry (marked pending until the daily timer confirms
// it), raises the totals. Here its function is killed after each of those requests in turn, and each way a
// crash is finished later must end with every total as after a clean run, and the timer then leaves no entry
// pending:
// - the same event retried (the kill sweep at every request),
// - never retried, but the person's next award comes (it finds the slot taken and finishes the holder),
// - never retried, and the housekeeping timer runs a minute later.
// The award is the person's first of a new day (her month, quarter and year totals exist, the day's does not),
// so every step the write path has is there: 4 requests, 3 writes.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import type { TestPark } from '../../support/park.js';
import { FROZEN_AT, type Outcome, dump, restore, startFaults, sweep, untilNoOpenTransaction } from './support.js';

const FN = 'points-fixture';

describe('faults: an award killed between its steps', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const input = (sourceId: string, extra: Record<string, unknown> = {}) => ({
    parkId: park.parkId, personId: park.ids.王芳, branchId: park.branches.A, item: 'topicCompleted', sourceId, note: '完成专题', counters: { topicsCompleted: 1 }, ...extra,
  });
  const call = async (data: unknown): Promise<Outcome> => {
    try {
      const { result } = await emu.app().callFunction({ name: FN, data: { op: 'award', input: data } });
      const r = result as { ok: boolean; result?: unknown; error?: string };
      return { reply: r.ok ? { ok: true, data: r.result } : { ok: false, error: { code: 'INTERNAL', message: r.error ?? '' } } } as Outcome;
    } catch (e) {
      return { platform: (e as { code?: string }).code ?? String(e) };
    }
  };
  /** The points as stored, without the times (a finisher writes at its own time) and the pending mark (checked apart). */
  const state = async () => {
    const db = emu.app().database();
    const read = async (c: string) => ((await db.collection(c).where({ parkId: park.parkId }).limit(1000).get()).data as Array<Record<string, unknown>>)
      .map(({ updatedAt: _u, at: _a, pending: _p, ...rest }) => JSON.stringify(rest)).sort();
    return { totals: await read('points_totals'), ledger: await read('points_ledger') };
  };
  const pending = async () => (await emu.app().database().collection('points_ledger').where({ pending: emu.app().database().command.exists(true) }).count()).total;
  /** The daily timer, a minute after the award (it leaves younger entries alone), then the clock back. */
  const housekeeping = async () => {
    await emu.api('POST', '/_emulator/clock', { advance: 61_000 });
    const run = await emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
    assert.ok(run.ok, JSON.stringify(run));
    await emu.api('POST', '/_emulator/clock', { set: FROZEN_AT, freeze: true });
  };
  /** The clean run's requests, by invocation record. */
  const writesOfLastCall = async () => (await emu.api('GET', `/_emulator/functions/calls?function=${FN}&limit=1`))[0].db as { roundTrips: number; writes: number };
  async function killAfterWrite(n: number, data: unknown): Promise<void> {
    await emu.api('POST', '/_emulator/functions/provision', { function: FN, instances: 2 });
    await emu.api('POST', '/_emulator/faults', { function: FN, afterDbWrites: n });
    const o = await call(data);
    const [rec] = await emu.api('GET', `/_emulator/functions/calls?function=${FN}&limit=1`);
    await emu.api('DELETE', '/_emulator/faults');
    assert.equal(o.platform, 'FUNCTIONS_EXECUTE_FAIL', `killed after write ${n}: answered ${JSON.stringify(o)}`);
    assert.match(rec.fault ?? '', /applied\)$/, `killed after write ${n}`);
  }

  beforeAll(async () => {
    ({ emu, park } = await startFaults());
    // Yesterday's award: her month, quarter and year totals and the branch's exist; today's day total does not.
    const o = await call(input('topic:yesterday', { at: '2026-11-09T02:00:00Z' }));
    assert.ok(o.reply?.ok, JSON.stringify(o));
  });
  afterAll(() => emu?.stop());

  test('killed after any request, the retried award lands exactly once (swept at every request)', async () => {
    const r = await sweep(emu, { fn: FN, call: () => call(input('topic:sweep')), settled: (o) => o.reply?.ok === true }, 'requests');
    assert.deepEqual([r.requests, r.writes, r.commits], [4, 3, 0], 'the totals with the table, the entry, the new day total, the update');
    assert.equal(r.kills, 4);
  });

  for (const finisher of ['the person\'s next award', 'the housekeeping timer'] as const) {
    test(`killed after any write and never retried, ${finisher} finishes it`, async () => {
      await untilNoOpenTransaction(emu);
      const base = await dump(emu);
      const next = input('topic:next', { item: 'quizPassed', counters: {} });
      // The clean run: the award, then the next one.
      assert.ok((await call(input('topic:killed'))).reply?.ok);
      const { writes } = await writesOfLastCall();
      assert.ok((await call(next)).reply?.ok);
      const expected = await state();
      assert.equal(await pending(), 3, 'these two and yesterday\'s: marked until the timer confirms them');
      assert.equal(writes, 3);
      for (let n = 1; n <= writes; n++) {
        await restore(emu, base);
        await emu.api('POST', '/_emulator/clock', { set: FROZEN_AT, freeze: true });
        await killAfterWrite(n, input('topic:killed'));
        if (finisher === 'the housekeeping timer') {
          await housekeeping();
          assert.equal(await pending(), 0, `after write ${n}: the timer left an entry pending`);
          // Before the update (its last write) the entry is not in the year total: the timer finishes it; after, it
          // only confirms it (with yesterday's award, confirmed either way).
          const [run] = await emu.api('GET', '/_emulator/functions/calls?function=housekeeping&limit=1');
          assert.deepEqual([run.result.awardsFinished, run.result.awardsConfirmed], n < writes ? [1, 1] : [0, 2], `after write ${n}`);
          assert.ok((await call(next)).reply?.ok);
        } else {
          assert.ok((await call(next)).reply?.ok, `after write ${n}: the next award failed`);
        }
        // Killed after its first write (the entry), the award did happen: the same entry and totals as the clean run.
        assert.deepEqual(await state(), expected, `killed after write ${n}, finished by ${finisher}`);
        // The timer then confirms what is left and changes no total.
        await housekeeping();
        assert.equal(await pending(), 0);
        assert.deepEqual(await state(), expected, `killed after write ${n}: the timer changed a total`);
      }
      await restore(emu, base);
      await emu.api('POST', '/_emulator/clock', { set: FROZEN_AT, freeze: true });
    });
  }
});
