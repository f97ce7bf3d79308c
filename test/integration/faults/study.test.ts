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
import { FROZEN_AT, invoke, startFaults, sweep } from './support.js';

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

  let lecture: { id: string; code: string };
  test('meetings.checkIn after the first (no transaction: the attendance, the person\'s shard, the points), killed at every write, retried', async () => {
    const li = as(emu, park, '李强');
    const { meeting } = await li.ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyLecture', title: '季度大党课', date: '2026-11-10', place: '党群服务中心' });
    const { code } = await li.ok('study', 'meetings.code', { meetingId: meeting.id });
    await as(emu, park, '赵敏').ok('study', 'meetings.checkIn', { code }); // the first: the meeting document
    lecture = { id: meeting.id, code };
    const r = await sweep(emu, {
      fn: 'study',
      call: () => invoke(emu, park.openids.王芳!, 'study', { action: 'meetings.checkIn', input: { code } }),
      settled: (o) => o.reply?.ok === true,
    }, 'writes');
    assert.equal(r.commits, 0, 'no transaction');
  });

  test('a check-in killed right after its attendance and never retried: the study timer counts it and awards it, once', async () => {
    // The 大党课 of the test above (the sweep put back the database as before 王芳's check-in; 赵敏 came first).
    const { id, code } = lecture;
    const meeting = { id };
    await emu.api('POST', '/_emulator/faults', { function: 'study', afterDbWrites: 1 }); // the attendance lands, then the instance dies
    const died = await invoke(emu, park.openids.王芳!, 'study', { action: 'meetings.checkIn', input: { code } });
    await emu.api('DELETE', '/_emulator/faults');
    assert.equal(died.platform, 'FUNCTIONS_EXECUTE_FAIL');
    const db = emu.app().database();
    const count = async () => {
      const m = (await db.collection('meetings').doc(meeting.id).get()).data[0] as { attendees: number };
      const shards = (await db.collection('meeting_tally').where({ meetingId: meeting.id }).get()).data as Array<{ n: number }>;
      return m.attendees + shards.reduce((a, s) => a + s.n, 0);
    };
    const entries = async () => ((await db.collection('points_ledger').where({ sourceId: `meeting:${meeting.id}`, personId: park.ids.王芳 }).get()).data as Array<{ points: number; pending?: unknown }>);
    assert.equal((await db.collection('attendance').where({ meetingId: meeting.id }).count()).total, 2);
    assert.deepEqual([await count(), (await entries()).length], [1, 0], 'stored, not counted, no points');

    // The timer leaves a check-in younger than a minute alone (its call may still be running), then finishes it.
    const timer = () => emu.api('POST', '/_emulator/triggers/run', { function: 'study', trigger: 'settle' });
    await timer();
    assert.deepEqual([await count(), (await entries()).length], [1, 0]);
    await emu.api('POST', '/_emulator/clock', { set: new Date(new Date(FROZEN_AT).getTime() + 2 * 60_000).toISOString(), freeze: true });
    try {
      await timer();
      await timer();
      const got = await entries();
      const day = (await db.collection('points_totals').doc(`P|${park.ids.王芳}|2026-11-10`).get()).data[0] as { byItem: Record<string, number> } | undefined;
      assert.deepEqual([await count(), got.length, got[0]?.points, day?.byItem.partyLectureAttended], [2, 1, 10, 10], 'counted, one entry, in her totals');
      // The member taps again later: already, nothing added.
      const { code: now } = await as(emu, park, '李强').ok('study', 'meetings.code', { meetingId: id }); // the code shown two minutes later
      const again = await as(emu, park, '王芳').ok('study', 'meetings.checkIn', { code: now });
      assert.deepEqual([again.alreadyCheckedIn, (await entries()).length, await count()], [true, 1, 2]);
    } finally {
      await emu.api('POST', '/_emulator/clock', { set: FROZEN_AT, freeze: true });
    }
  });
});
