// The volunteer function's multi-step writes killed at every kill point, then what production does
// next (the volunteer taps again, the organizer confirms again): the database must end as after a clean
// run — one registration per person and shift, the seat held once, the first in line promoted once with
// one message, hours confirmed and points awarded once.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type TestPark, as } from '../../support/park.js';
import { activityInput } from '../volunteer/support.js';
import { invoke, startFaults, sweep } from './support.js';

describe('faults: volunteer', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startFaults())); // the clock frozen at 2026-11-10 10:00 China time
  afterAll(() => emu?.stop());

  const publish = async (over: Record<string, unknown> = {}) =>
    (await as(emu, park, '刘洋').ok('volunteer', 'activities.create', activityInput({ recruitFrom: '2026-11-10 09:00', ...over }))).activity as { id: string; shifts: Array<{ id: string }> };

  test('signUp (the seat claimed, then the registration written), retried: one registration, one seat', async () => {
    const a = await publish();
    const r = await sweep(emu, {
      fn: 'volunteer',
      call: () => invoke(emu, park.openids.王芳!, 'volunteer', { action: 'signUp', input: { shiftId: a.shifts[0]!.id } }),
      settled: (o) => o.reply?.ok === true && o.reply.data.registration.status === 'registered',
    });
    assert.ok(r.writes >= 2, 'the seat, then the registration');
  });

  test('signUp on a full shift (joining the line), retried: one place in line', async () => {
    const a = await publish({ title: '满员活动', shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: 1, role: null }] });
    await as(emu, park, '陈静').ok('volunteer', 'signUp', { shiftId: a.shifts[0]!.id });
    await sweep(emu, {
      fn: 'volunteer',
      call: () => invoke(emu, park.openids.王芳!, 'volunteer', { action: 'signUp', input: { shiftId: a.shifts[0]!.id } }),
      settled: (o) => o.reply?.ok === true && o.reply.data.registration.waitPosition === 1,
    });
  });

  test('cancel (the seat handed to the first in line, told, in one transaction), retried', async () => {
    const a = await publish({ title: '候补活动', shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: 1, role: null }] });
    const shiftId = a.shifts[0]!.id;
    await as(emu, park, '王芳').ok('volunteer', 'signUp', { shiftId });
    await as(emu, park, '赵敏').ok('volunteer', 'signUp', { shiftId });
    const r = await sweep(emu, {
      fn: 'volunteer',
      call: () => invoke(emu, park.openids.王芳!, 'volunteer', { action: 'cancel', input: { shiftId } }),
      // The retry after a landed cancellation answers NOT_REGISTERED: the state is what matters.
      settled: (o) => o.reply?.ok === true || o.reply?.error.code === 'NOT_REGISTERED',
    });
    assert.equal(r.commits, 1);
  });
});
