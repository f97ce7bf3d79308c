// 会议记录 (issue 19): a 支委会 scheduled and recorded after the meeting (补记, with when it was entered), its
// absences with 请假 reasons and hand-marked attendance (no points), a record corrected keeping its first entry,
// a meeting entered afterwards (meetings.backfill), a 党小组会 of one group; what is refused writes nothing.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { auditOf } from '../org/support.js';
import { doc, ledger, refusedBy, setClock, startStudy } from './support.js';

const refused = refusedBy('study');

describe('study: meeting records (会议记录)', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const A = () => park.branches.A;
  const rec = (over: Record<string, unknown> = {}) => ({ chair: '李强', recorder: '王芳', agenda: '一、学习党章\n二、研究发展党员', minutes: '李强传达了上级精神，大家逐条讨论。', decisions: '同意赵敏按期转正的意见提交党员大会', present: [], absences: [], ...over });

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // 2026-11-10 10:00 China time
  });
  afterAll(() => emu?.stop());

  test('a 支委会 today, recorded on the day: not 补记; hand-marked attendance counts, gives no points; absences with reasons', async () => {
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: A(), kind: 'committee', title: '十一月支委会', date: '2026-11-10', startTime: '09:00', endTime: '10:00', place: '二楼会议室' });
    const r = await li().ok('study', 'meetings.record', {
      meetingId: meeting.id, ...rec({ present: [park.ids.王芳], absences: [{ personId: park.ids.孙丽, leave: true, reason: '出差在外' }, { personId: park.ids.赵敏, leave: false, reason: '未说明' }] }),
    });
    assert.equal(r.record.late, false);
    assert.equal(r.record.enteredBy, '李强');
    assert.deepEqual(r.record.absences.map((a: any) => [a.name, a.leave, a.reason]), [['孙丽', true, '出差在外'], ['赵敏', false, '未说明']]);
    assert.equal(r.meeting.recorded, true);
    assert.equal(r.meeting.attendees, 1);
    const stored = await doc(emu, 'meetings', meeting.id);
    assert.equal(stored.record.minutes, '李强传达了上级精神，大家逐条讨论。');
    const att = await doc(emu, 'attendance', `${meeting.id}|${park.ids.王芳}`);
    assert.equal(att.fromRecord, true);
    assert.equal((await ledger(emu, park.ids.王芳)).length, 0, 'a 支委会 gives no points');
    const got = await li().ok('study', 'meetings.recordGet', { meetingId: meeting.id });
    assert.deepEqual(got.present.map((p: any) => [p.name, p.how]), [['王芳', 'record']]);
    assert.deepEqual(got.absent.map((p: any) => [p.name, p.leave, p.reason]), [['孙丽', true, '出差在外'], ['赵敏', false, '未说明'], ['李强', null, null]]);
    const [entry] = await auditOf(emu, park.parkId, 'meetings.record');
    assert.equal(entry.target, meeting.id);
    assert.equal(entry.detail.late, false);
  });

  test('recorded the day after: 补记 with when it was entered; a correction keeps the first entry', async () => {
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: A(), kind: 'memberAssembly', title: '第四季度党员大会', date: '2026-11-10', place: '报告厅' });
    await setClock(emu, '2026-11-11T01:00:00Z'); // 11 Nov 09:00
    const first = await li().ok('study', 'meetings.record', { meetingId: meeting.id, ...rec() });
    assert.equal(first.record.late, true);
    assert.equal(first.record.enteredAt.slice(0, 16), '2026-11-11T01:00');
    await setClock(emu, '2026-11-12T01:00:00Z');
    const second = await li().ok('study', 'meetings.record', { meetingId: meeting.id, ...rec({ decisions: '改正后的决议' }) });
    assert.equal(second.record.enteredAt, first.record.enteredAt, 'never moved');
    assert.equal(second.record.updatedAt.slice(0, 16), '2026-11-12T01:00');
    assert.equal((await auditOf(emu, park.parkId, 'meetings.record')).find((e) => e.target === meeting.id && e.detail.edit).detail.late, true);
  });

  test('a meeting entered afterwards (backfill) is 补记 and marked so; a 党小组会 names its group', async () => {
    const { meeting, record } = await li().ok('study', 'meetings.backfill', {
      branchId: A(), kind: 'groupMeeting', groupId: 'g-a1', title: '第一党小组十月学习', date: '2026-10-20', place: '车间休息室', ...rec({ present: [park.ids.王芳] }),
    });
    assert.equal(record.late, true);
    assert.equal(meeting.groupId, 'g-a1');
    const stored = await doc(emu, 'meetings', meeting.id);
    assert.equal(stored.backfilled, true);
    assert.equal(stored.date, '2026-10-20');
    assert.equal(new Date(stored.createdAt).toISOString().slice(0, 16), '2026-11-12T01:00');
    assert.equal((await auditOf(emu, park.parkId, 'meetings.backfill'))[0].target, meeting.id);
  });

  test('refused, writing nothing: a meeting still to come, someone not of the branch, a checked-in person absent, a future backfill, another branch', async () => {
    const { meeting: later } = await li().ok('study', 'meetings.create', { branchId: A(), kind: 'committee', title: '十二月支委会', date: '2026-12-10', place: '会议室' });
    await refused(emu, li(), 'meetings.record', { meetingId: later.id, ...rec() }, 'CONFLICT', /开完会后/);
    const { meeting } = await li().ok('study', 'meetings.backfill', { branchId: A(), kind: 'committee', title: '十月支委会', date: '2026-10-09', place: '会议室', ...rec() });
    await refused(emu, li(), 'meetings.record', { meetingId: meeting.id, ...rec({ present: [park.ids.张伟] }) }, 'INVALID_INPUT', /不是本支部党员/);
    await refused(emu, li(), 'meetings.record', { meetingId: meeting.id, ...rec({ present: [park.ids.陈静] }) }, 'INVALID_INPUT', /不是本支部党员/);
    await li().ok('study', 'meetings.record', { meetingId: meeting.id, ...rec({ present: [park.ids.王芳] }) });
    await refused(emu, li(), 'meetings.record', { meetingId: meeting.id, ...rec({ absences: [{ personId: park.ids.王芳, leave: true, reason: '病假' }] }) }, 'INVALID_INPUT', /已签到/);
    await refused(emu, li(), 'meetings.backfill', { branchId: A(), kind: 'committee', title: '支委会', date: '2026-12-01', place: '会议室', ...rec() }, 'INVALID_INPUT', /安排会议/);
    await refused(emu, li(), 'meetings.backfill', { branchId: A(), kind: 'committee', title: '支委会', date: '2024-12-01', place: '会议室', ...rec() }, 'INVALID_INPUT', /只能补记/);
    await refused(emu, li(), 'meetings.backfill', { branchId: A(), kind: 'committee', title: '支委会', date: '2026-10-09', place: '会议室', ...rec() }, 'INVALID_INPUT', /已经安排了支委会/);
    await refused(emu, as(emu, park, '张伟'), 'meetings.backfill', { branchId: A(), kind: 'committee', title: '支委会', date: '2026-10-08', place: '会议室', ...rec() }, 'FORBIDDEN');
    await refused(emu, as(emu, park, '张伟'), 'meetings.record', { meetingId: meeting.id, ...rec() }, 'FORBIDDEN');
  });
});
