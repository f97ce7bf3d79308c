// The timer settling an item while its withdrawal is approved (issue 17). The timer reads items whose due date has
// passed while still waiting (approved, claimed, withdrawing) and records the branch's 'due' for each; the secretary
// may approve the withdrawal between that read and that write. The withdrawal's own settle finds no 'due' to undo
// (not written yet), then the timer writes it from its stale copy: the branch's due count would stay one high. The
// interleaving is made exact with a test-only function that runs the timer's settle step on the copy read before
// the approval (test/fixtures/pledge-functions).
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, type EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { approvedItem, chinaClock, doc, runTimer, startPledges } from './support.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/pledge-functions');

describe('pledges: the timer and an approved withdrawal at once', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startPledges(['--functions', FIXTURE]));
  }, 120_000);
  afterAll(async () => {
    await emu?.stop();
  });

  const member = () => as(emu, park, '王芳');
  const secretary = () => as(emu, park, '李强');
  const yearTotal = async () => ((await doc(emu, 'points_totals', `B|${park.branches.A}|2026`)) ?? {}) as { pledgesDue?: number; pledgesFulfilled?: number };
  const timerSettle = async (pledge: unknown, now: string) => {
    const { result } = await emu.app().callFunction({ name: 'pledge-fixture', data: { op: 'settle', pledge, now } });
    assert.equal((result as { ok: boolean; error?: string }).ok, true, (result as { error?: string }).error);
  };

  test('the timer read the item waiting for its withdrawal; the withdrawal is approved and settled; then the timer records: the due count ends at 0', async () => {
    // The hourly timer runs at :10, and a clock jump fires it once: from 23:20 of the due date to 00:05 of the next day
    // it does not run, so at 00:05 the item is due but not counted yet, as in the minutes before the 00:10 run.
    await chinaClock(emu, '2026-01-20 23:20');
    const id = await approvedItem(member(), secretary(), '2026-01-20');
    await member().ok('pledge', 'withdraw.request', { pledgeId: id, reason: '调岗到外地项目部，无法继续履行' });
    await chinaClock(emu, '2026-01-21 00:05');
    // What the timer's query returned: withdrawing, due date passed, the due not counted yet.
    const stale = await doc(emu, 'pledges', id);
    assert.equal(stale.status, 'withdrawing');
    assert.equal(stale.dueCounted, false);
    // The secretary approves the withdrawal in between: it settles at once and finds no 'due' to undo.
    assert.equal((await secretary().ok('pledge', 'withdraw.decide', { pledgeId: id, approve: true })).pledge.status, 'withdrawn');
    assert.equal((await yearTotal()).pledgesDue ?? 0, 0);
    // Now the timer's settle step runs on its copy.
    await timerSettle({ ...stale, _id: id }, new Date('2026-01-20T16:05:00Z').toISOString());
    const stored = await doc(emu, 'pledges', id);
    assert.equal(stored.status, 'withdrawn');
    assert.equal(stored.dueCounted, false);
    assert.equal((await yearTotal()).pledgesDue, 0, 'the due the stale copy recorded is undone');
    // Fired again (and the real timer twice): nothing changes, the undo is once.
    await timerSettle({ ...stale, _id: id }, new Date('2026-01-20T16:06:00Z').toISOString());
    await runTimer(emu);
    await runTimer(emu);
    assert.equal((await yearTotal()).pledgesDue, 0);
    // The rate agrees with the counters: nothing due.
    assert.deepEqual((await member().ok('pledge', 'rates', { year: '2026' })).branch, { fulfilled: 0, due: 0, rate: null });
  });

  test('the other order: the timer records first, then the withdrawal is approved: undone once, the count ends at 0', async () => {
    await chinaClock(emu, '2026-02-10 23:20');
    const id = await approvedItem(as(emu, park, '赵敏'), secretary(), '2026-02-10');
    await as(emu, park, '赵敏').ok('pledge', 'withdraw.request', { pledgeId: id, reason: '调岗到外地项目部，无法继续履行' });
    await chinaClock(emu, '2026-02-11 00:05');
    const stale = await doc(emu, 'pledges', id);
    assert.equal(stale.dueCounted, false);
    await timerSettle({ ...stale, _id: id }, new Date('2026-02-10T16:05:00Z').toISOString());
    assert.equal((await yearTotal()).pledgesDue, 1, 'due while the withdrawal waits');
    await secretary().ok('pledge', 'withdraw.decide', { pledgeId: id, approve: true });
    await timerSettle({ ...stale, _id: id }, new Date('2026-02-10T16:06:00Z').toISOString());
    await runTimer(emu);
    assert.equal((await yearTotal()).pledgesDue, 0);
  });
});
