// The study function's multi-step writes killed at every kill point, then what production does next:
// the member or secretary taps again (the same call), and the study timer runs (it finishes
// publications that died half-way). The database must end as after a clean run: one topic, each
// branch's topicsAssigned counted once; one reminder per member and day; one attendance, the meeting's
// count and the points once.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type TestPark, as } from '../../support/park.js';
import { topicInput } from '../study/support.js';
import { invoke, startFaults, sweep } from './support.js';

describe('faults: study', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startFaults()));
  afterAll(() => emu?.stop());

  test('topics.create (park-wide: the topic, then each branch counter, then done), retried, then the timer', async () => {
    const zhou = park.openids.周涛!;
    const r = await sweep(emu, {
      fn: 'study',
      call: () => invoke(emu, zhou, 'study', { action: 'topics.create', input: topicInput() }),
      settled: (o) => o.reply?.ok === true,
      after: async () => void (await emu.api('POST', '/_emulator/triggers/run', { function: 'study', trigger: 'settle' })),
    });
    assert.equal(r.commits, 3, 'the topic, then one transaction per branch counter');
  });

  test('topics.remind (one inbox message per member not finished, in one transaction), retried: no duplicate notice', async () => {
    const li = park.openids.李强!;
    const { topic } = await as(emu, park, '李强').ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, title: '提醒专题', quiz: null }));
    const r = await sweep(emu, {
      fn: 'study',
      call: () => invoke(emu, li, 'study', { action: 'topics.remind', input: { topicId: topic.id, branchId: park.branches.A } }),
      settled: (o) => o.reply?.ok === true, // a repeat the same day says alreadyToday and writes nothing
    });
    assert.equal(r.commits, 1);
  });

  test('meetings.checkIn (attendance and the meeting count in one transaction, then the points without one), retried', async () => {
    const li = as(emu, park, '李强');
    const { meeting } = await li.ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '重温入党誓词', date: '2026-11-10', place: '三楼会议室' });
    const { code } = await li.ok('study', 'meetings.code', { meetingId: meeting.id });
    const r = await sweep(emu, {
      fn: 'study',
      call: () => invoke(emu, park.openids.王芳!, 'study', { action: 'meetings.checkIn', input: { code } }),
      settled: (o) => o.reply?.ok === true,
    });
    assert.equal(r.commits, 1, 'the attendance; the award is guarded writes, not a transaction (issue 21)');
  });
});
