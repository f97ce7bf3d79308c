// Daily use of meetings and study (issue 13): meetings with a start and end time and a check-in window
// around them (an all-day one from before times existed still works), a secretary marking someone present
// by hand (reason, audit, the same points as a check-in, once), points replies that say in words what
// happened (a cap reached included), and 往期专题 keeping a moved member's past topics.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { auditOf } from '../org/support.js';
import { GOOD_NOTE, RIGHT, doc, ledger, refusedBy, setClock, startStudy, topicInput } from './support.js';

const refused = refusedBy('study');

describe('study: meeting times, check-in window, marking present by hand, points in words, past topics', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const wang = () => as(emu, park, '王芳');
  const zhao = () => as(emu, park, '赵敏');
  const A = () => park.branches.A;
  const meeting = (over: Record<string, unknown> = {}) => ({ branchId: A(), kind: 'partyDay', title: '主题党日', date: '2026-11-12', startTime: '14:30', endTime: '16:30', place: '三楼会议室', ...over });
  /** China wall time on a November day → the instant (the emulator's clock). */
  const at = (day: number, time: string) => setClock(emu, new Date(`2026-11-${String(day).padStart(2, '0')}T${time.length === 5 ? `${time}:00` : time}+08:00`).toISOString());

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // clock: 2026-11-10 10:00 China time
  });
  afterAll(() => emu?.stop());

  test('a meeting has a start and end time (stored, listed, audited); both or neither, the end after the start; not already over today', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting());
    assert.deepEqual([m.date, m.startTime, m.endTime], ['2026-11-12', '14:30', '16:30']);
    const stored = await doc(emu, 'meetings', m.id);
    assert.deepEqual([stored.startTime, stored.endTime], ['14:30', '16:30']);
    assert.equal((await auditOf(emu, park.parkId, 'meetings.create')).find((e) => e.target === m.id)?.detail.time, '14:30–16:30');
    const listed = (await wang().ok('study', 'meetings.list', {})).meetings.find((x: any) => x.id === m.id);
    assert.deepEqual([listed.startTime, listed.endTime], ['14:30', '16:30']);
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-11-13', endTime: undefined }), 'INVALID_INPUT', /开始和结束时间/);
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-11-13', startTime: '16:30', endTime: '14:30' }), 'INVALID_INPUT', /结束时间应晚于开始时间/);
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-11-13', startTime: '9:00' }), 'INVALID_INPUT', /时间格式/);
    // 10:00 now: a meeting today from 7:00 to 8:30 is over (its check-in closed at 9:30).
    await refused(emu, li(), 'meetings.create', meeting({ date: '2026-11-10', startTime: '07:00', endTime: '08:30' }), 'INVALID_INPUT', /已经过去/);
    // Moving the time tells the branch, with the times.
    const moved = await li().ok('study', 'meetings.update', { meetingId: m.id, title: '主题党日', date: '2026-11-12', startTime: '15:00', endTime: '17:00', place: '三楼会议室' });
    assert.deepEqual([moved.meeting.startTime, moved.meeting.endTime, moved.notified], ['15:00', '17:00', 4]);
    const msgs = (await emu.app().database().collection('inbox').where({ personId: park.ids.王芳, meetingId: m.id }).get()).data as any[];
    assert.match(msgs[0].body, /改到 11月12日 15:00–17:00（原 11月12日 14:30–16:30）/);
  });

  test('check-in opens 30 minutes before the start and closes an hour after the end; the code follows the same window', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting({ date: '2026-11-14', kind: 'partyLecture', title: '大党课' }));
    await at(14, '13:59');
    await refused(emu, li(), 'meetings.code', { meetingId: m.id }, 'SIGN_IN_NOT_OPEN', /14:00 开始/);
    await at(14, '14:00');
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    const first = await wang().ok('study', 'meetings.checkIn', { code });
    assert.equal(first.alreadyCheckedIn, false);
    // The reply says what the check-in gave, in words.
    assert.deepEqual(first.points, { item: 'partyLectureAttended', points: 10, text: '参加大党课 +10 分' });
    assert.equal((await wang().ok('study', 'meetings.checkIn', { code })).points, null, 'a repeat says nothing new about points');
    await at(14, '17:29:30');
    const late = await li().ok('study', 'meetings.code', { meetingId: m.id });
    await zhao().ok('study', 'meetings.checkIn', { code: late.code });
    await at(14, '17:30');
    await refused(emu, li(), 'meetings.code', { meetingId: m.id }, 'SIGN_IN_CLOSED', /17:30 结束/);
    await refused(emu, li(), 'meetings.checkIn', { code: late.code }, 'SIGN_IN_CLOSED');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('a meeting without times (from before they existed) is open its whole day', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting({ date: '2026-11-16', kind: 'partyLecture', startTime: undefined, endTime: undefined, title: '全天的大党课' }));
    assert.deepEqual([m.startTime, m.endTime], [null, null]);
    // As stored by the earlier version: no time fields at all.
    await emu.app().database().collection('meetings').doc(m.id).update({ startTime: emu.app().database().command.remove(), endTime: emu.app().database().command.remove() });
    assert.equal('startTime' in (await doc(emu, 'meetings', m.id)), false);
    await at(16, '00:05');
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    assert.equal((await wang().ok('study', 'meetings.checkIn', { code })).meeting.startTime, null);
    await at(16, '23:58');
    const late = await li().ok('study', 'meetings.code', { meetingId: m.id });
    await zhao().ok('study', 'meetings.checkIn', { code: late.code });
    await at(17, '00:01');
    await refused(emu, li(), 'meetings.code', { meetingId: m.id }, 'MEETING_NOT_TODAY');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('a secretary marks a member present by hand: a reason, audited, the same points as a check-in (once), shown on the attendance list', async () => {
    const { meeting: m } = await li().ok('study', 'meetings.create', meeting({ date: '2026-11-20', title: '十一月主题党日', startTime: '09:00', endTime: '11:00' }));
    // Not before the meeting.
    await refused(emu, li(), 'meetings.markPresent', { meetingId: m.id, personId: park.ids.王芳, reason: '手机没电' }, 'SIGN_IN_NOT_OPEN', /活动当天/);
    await at(20, '09:40');
    const r = await li().ok('study', 'meetings.markPresent', { meetingId: m.id, personId: park.ids.王芳, reason: '手机没电，现场确认到会' });
    assert.deepEqual([r.name, r.alreadyPresent, r.meeting.attendees], ['王芳', false, 1]);
    assert.deepEqual(r.points, { item: 'partyDayAttended', points: 10, text: '参加主题党日 +10 分' });
    const a = await doc(emu, 'attendance', `${m.id}|${park.ids.王芳}`);
    assert.deepEqual(a.byHand, { by: { id: park.ids.李强, name: '李强' }, reason: '手机没电，现场确认到会' });
    const entry = (await auditOf(emu, park.parkId, 'meetings.markPresent')).find((e) => e.target === m.id);
    assert.deepEqual([entry.actor.name, entry.detail.name, entry.detail.reason], ['李强', '王芳', '手机没电，现场确认到会']);
    // The same ledger event as a check-in: her own scan afterwards adds nothing.
    const points = (await ledger(emu, park.ids.王芳, 'partyDayAttended')).filter((e) => e.sourceId === `meeting:${m.id}`);
    assert.deepEqual(points.map((e) => [e.points, e.by]), [[10, park.ids.李强]]);
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    assert.equal((await wang().ok('study', 'meetings.checkIn', { code })).alreadyCheckedIn, true);
    assert.equal((await ledger(emu, park.ids.王芳, 'partyDayAttended')).filter((e) => e.sourceId === `meeting:${m.id}`).length, 1);
    const again = await li().ok('study', 'meetings.markPresent', { meetingId: m.id, personId: park.ids.王芳, reason: '再点一次' });
    assert.deepEqual([again.alreadyPresent, again.points, again.meeting.attendees], [true, null, 1]);
    // The attendance list says who was marked by hand, by whom and why.
    const list = await li().ok('study', 'meetings.attendance', { meetingId: m.id });
    assert.deepEqual(list.present.map((p: any) => [p.name, p.byHand]), [['王芳', { by: '李强', reason: '手机没电，现场确认到会' }]]);
    // Not someone of the masses, nor of another branch.
    await refused(emu, li(), 'meetings.markPresent', { meetingId: m.id, personId: park.ids.陈静, reason: '到会' }, 'NOT_FOUND', /本支部没有这名党员/);
    await refused(emu, li(), 'meetings.markPresent', { meetingId: m.id, personId: park.ids.周涛, reason: '到会' }, 'NOT_FOUND');
    await refused(emu, li(), 'meetings.markPresent', { meetingId: m.id, personId: park.ids.赵敏, reason: ' ' }, 'INVALID_INPUT', /原因/);
    // Days later (the scan had failed): still possible for a week, counted at the meeting; then no more.
    await at(27, '20:00');
    const late = await li().ok('study', 'meetings.markPresent', { meetingId: m.id, personId: park.ids.孙丽, reason: '没有智能手机' });
    assert.equal(late.meeting.attendees, 2);
    const [sun] = (await ledger(emu, park.ids.孙丽, 'partyDayAttended')).filter((e) => e.sourceId === `meeting:${m.id}`);
    assert.equal(sun.day, '2026-11-20', 'counted on the meeting day');
    await at(28, '00:00');
    await refused(emu, li(), 'meetings.markPresent', { meetingId: m.id, personId: park.ids.赵敏, reason: '补记' }, 'SIGN_IN_CLOSED', /7 天/);
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('a cap reached says so in words (本月…积分已记满), never a bare 0', async () => {
    // 王芳 got this month's 主题党日 points on the 20th; a second 主题党日 the same month gives none.
    const { meeting: m } = await li().ok('study', 'meetings.create', { branchId: A(), kind: 'partyDay', title: '补充主题党日', date: '2026-11-24', place: '三楼会议室' });
    await at(24, '10:00');
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    const r = await wang().ok('study', 'meetings.checkIn', { code });
    assert.deepEqual(r.points, { item: 'partyDayAttended', points: 0, text: '本月「参加主题党日」积分已记满（应得 10 分），这次不加分' });
    const marked = await li().ok('study', 'meetings.markPresent', { meetingId: m.id, personId: park.ids.孙丽, reason: '没有智能手机' });
    assert.match(marked.points.text, /本月「参加主题党日」积分已记满/);
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('study replies list each award in words', async () => {
    const { topic } = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput({ title: '每日使用专题' }));
    const note = await zhao().ok('study', 'notes.submit', { topicId: topic.id, text: GOOD_NOTE });
    assert.deepEqual(note.points, [{ item: 'noteWritten', points: 5, text: '撰写学习心得 +5 分' }]);
    await zhao().ok('study', 'topics.markRead', { topicId: topic.id });
    const quiz = await zhao().ok('study', 'quiz.submit', { topicId: topic.id, answers: RIGHT });
    assert.deepEqual(quiz.points.map((p: any) => p.text).sort(), ['完成月度专题学习 +10 分', '专题测验合格 +5 分'].sort());
  });

  test('往期专题: a member who moved branch still has the past topics they studied in the old one', async () => {
    // October: branch A's own topic, which 赵敏 completes; in November she moves to branch B.
    await setClock(emu, '2026-10-10T02:00:00Z');
    const { topic } = await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: A(), month: '2026-10', deadline: '2026-10-31', title: '十月支部专题', quiz: null }));
    await zhao().ok('study', 'topics.markRead', { topicId: topic.id });
    await zhao().ok('study', 'notes.submit', { topicId: topic.id, text: GOOD_NOTE });
    await setClock(emu, '2026-11-10T02:00:00Z');
    await as(emu, park, '周涛').ok('org', 'transfers.create', { personId: park.ids.赵敏, toBranchId: park.branches.B, reason: '调到园区联合党支部' });
    const past = (await zhao().ok('study', 'topics.list', {})).topics.filter((t: any) => t.month < '2026-11');
    assert.deepEqual(past.map((t: any) => [t.title, t.completed, t.closed]), [['十月支部专题', true, true]]);
    const again = await zhao().ok('study', 'topics.get', { topicId: topic.id });
    assert.equal(again.progress.completed, true);
    // Someone who never had it does not see it.
    assert.equal((await as(emu, park, '张伟').ok('study', 'topics.list', {})).topics.some((t: any) => t.id === topic.id), false);
  });
});
