// Scheduling meetings as a secretary does: a 主题党日 every month and a 大党课 every quarter (a day a
// month lacks → its last day), moving one (members told by inbox), cancelling one or the rest of a
// series (members told; one that took place stays), and what a cancelled meeting refuses.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { auditOf } from '../org/support.js';
import { doc, refusedBy, setClock, startStudy } from './support.js';

const refused = refusedBy('study');

describe('study: meeting schedules, changes and cancellations', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const wang = () => as(emu, park, '王芳');
  const A = () => park.branches.A;
  const meeting = (over: Record<string, unknown> = {}) => ({ branchId: A(), kind: 'partyDay', title: '主题党日', date: '2026-11-30', place: '三楼会议室', ...over });
  const inboxOf = async (personId: string, kind: string) =>
    (await emu.app().database().collection('inbox').where({ personId, kind }).limit(100).get()).data as any[];

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // clock: 2026-11-10 10:00 China time
  });
  afterAll(() => emu?.stop());

  test('every month on the 30th (February: the 28th), every quarter; one series, one transaction, audited', async () => {
    const monthly = await li().ok('study', 'meetings.create', meeting({ repeat: 'monthly', times: 4 }));
    assert.deepEqual(monthly.meetings.map((m: any) => m.date), ['2026-11-30', '2026-12-30', '2027-01-30', '2027-02-28']);
    const series = monthly.meetings[0].seriesId;
    assert.ok(series);
    const stored = (await emu.app().database().collection('meetings').where({ seriesId: series }).limit(10).get()).data as any[];
    assert.deepEqual(stored.map((m) => [m.date, m.repeat, m.cancelled]).sort(), [
      ['2026-11-30', 'monthly', false], ['2026-12-30', 'monthly', false], ['2027-01-30', 'monthly', false], ['2027-02-28', 'monthly', false],
    ]);
    const quarterly = await li().ok('study', 'meetings.create', meeting({ kind: 'partyLecture', title: '季度大党课', date: '2026-11-30', repeat: 'quarterly', times: 3 }));
    assert.deepEqual(quarterly.meetings.map((m: any) => m.date), ['2026-11-30', '2027-02-28', '2027-05-30'], 'a 大党课 may share the day with the 主题党日');
    const entry = (await auditOf(emu, park.parkId, 'meetings.create')).find((e) => e.detail.kind === 'partyLecture');
    assert.deepEqual(entry.detail.dates, ['2026-11-30', '2027-02-28', '2027-05-30']);
    // Members see coming meetings soonest first.
    const list = await wang().ok('study', 'meetings.list', {});
    assert.deepEqual(list.meetings.slice(0, 3).map((m: any) => m.date), ['2026-11-30', '2026-11-30', '2026-12-30']);
  });

  test('refused: a date before today, a clash with a meeting of the same kind, a repeat without times', async () => {
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-11-09' }), 'INVALID_INPUT', /不能早于今天/);
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-10-30', repeat: 'monthly', times: 3 }), 'INVALID_INPUT', /不能早于今天/);
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-12-30' }), 'INVALID_INPUT', /2026-12-30 已经安排了主题党日/);
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-11-15', repeat: 'monthly' }), 'INVALID_INPUT', /次/);
  });

  test('moving a meeting tells every Party member of the branch; a new title alone tells nobody', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting({ date: '2026-11-20', title: '十一月主题党日' }));
    const moved = await li().ok('study', 'meetings.update', { meetingId: m.id, title: '十一月主题党日', date: '2026-11-21', place: '党群服务中心' });
    assert.deepEqual([moved.meeting.date, moved.meeting.place, moved.notified], ['2026-11-21', '党群服务中心', 4], 'branch A: 4 Party members');
    const [msg] = await inboxOf(park.ids.王芳, 'meetingChanged');
    assert.equal(msg.meetingId, m.id);
    assert.match(msg.title, /主题党日改期/);
    assert.match(msg.body, /11月21日（原 11月20日）/);
    assert.deepEqual(await inboxOf(park.ids.陈静, 'meetingChanged'), [], 'not the masses');
    assert.equal((await li().ok('study', 'meetings.update', { meetingId: m.id, title: '重温入党誓词', date: '2026-11-21', place: '党群服务中心' })).notified, 0);
    assert.equal((await doc(emu, 'meetings', m.id)).title, '重温入党誓词');
    await refused(emu, li(), 'meetings.update', { meetingId: m.id, title: '重温入党誓词', date: '2026-11-09', place: '党群服务中心' }, 'INVALID_INPUT', /早于今天/);
    await refused(emu, li(), 'meetings.update', { meetingId: m.id, title: '重温入党誓词', date: '2026-12-30', place: '党群服务中心' }, 'INVALID_INPUT', /已经安排/);
    await refused(emu, as(emu, park, '张伟'), 'meetings.update', { meetingId: m.id, title: 'x', date: '2026-11-22', place: 'y' }, 'FORBIDDEN');
  });

  test('once someone checked in, the date stays and the meeting cannot be cancelled', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting({ date: '2026-11-10', title: '今天的主题党日' }));
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    await wang().ok('study', 'meetings.checkIn', { code });
    await refused(emu, li(), 'meetings.update', { meetingId: m.id, title: '今天的主题党日', date: '2026-11-11', place: '三楼会议室' }, 'CONFLICT', /1 人签到/);
    await refused(emu, li(), 'meetings.cancel', { meetingId: m.id, reason: '下雨' }, 'CONFLICT', /不能取消/);
    // Its place can still be corrected.
    assert.equal((await li().ok('study', 'meetings.update', { meetingId: m.id, title: '今天的主题党日', date: '2026-11-10', place: '二楼' })).meeting.place, '二楼');
  });

  test('cancelling this and the following meetings of a series: members told once; code and check-in refused', async () => {
    await setClock(emu, '2026-12-14T02:00:00Z'); // 2026-12-14 in China
    const { meetings } = await li().ok('study', 'meetings.create', meeting({ title: '月度主题党日', date: '2026-12-15', repeat: 'monthly', times: 4 }));
    const [first, second, third, fourth] = meetings.map((m: any) => m.id);
    await setClock(emu, '2027-01-15T02:00:00Z');
    const { code } = await li().ok('study', 'meetings.code', { meetingId: second });
    await wang().ok('study', 'meetings.checkIn', { code }); // the January one took place
    await setClock(emu, '2026-12-14T02:00:00Z');
    const before = (await inboxOf(park.ids.赵敏, 'meetingCancelled')).length;
    const r = await li().ok('study', 'meetings.cancel', { meetingId: first, following: true, reason: '支部合并，另行通知' });
    assert.deepEqual(r.cancelled.map((m: any) => m.date), ['2026-12-15', '2027-02-15', '2027-03-15'], 'the January meeting took place and stays');
    assert.equal(r.notified, 4);
    const cancelledDocs = await Promise.all([first, second, third, fourth].map((id) => doc(emu, 'meetings', id)));
    assert.deepEqual(cancelledDocs.map((m) => m.cancelled), [true, false, true, true]);
    assert.equal(cancelledDocs[0].cancelReason, '支部合并，另行通知');
    const msgs = await inboxOf(park.ids.赵敏, 'meetingCancelled');
    assert.equal(msgs.length, before + 1, 'one message for the whole cancellation');
    assert.match(msgs.at(-1).body, /12月15日、2月15日、3月15日的主题党日取消。原因：支部合并，另行通知/);
    const listed = (await wang().ok('study', 'meetings.list', {})).meetings.find((m: any) => m.id === first);
    assert.deepEqual([listed.cancelled, listed.cancelReason], [true, '支部合并，另行通知']);
    await refused(emu, li(), 'meetings.cancel', { meetingId: first, reason: '再取消一次' }, 'MEETING_CANCELLED');
    await refused(emu, li(), 'meetings.update', { meetingId: third, title: 'x', date: '2027-02-16', place: 'y' }, 'MEETING_CANCELLED');
    await setClock(emu, '2027-02-15T02:00:00Z');
    await refused(emu, li(), 'meetings.code', { meetingId: third }, 'MEETING_CANCELLED', /支部合并/);
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('a code shown before the meeting was cancelled no longer checks anyone in', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting({ kind: 'partyLecture', title: '临时大党课', date: '2026-11-10' }));
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    await li().ok('study', 'meetings.cancel', { meetingId: m.id, reason: '主讲人临时有事' });
    await refused(emu, wang(), 'meetings.checkIn', { code }, 'MEETING_CANCELLED', /主讲人临时有事/);
  });
});
