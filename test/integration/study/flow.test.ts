// 一月一专题 as people use it: the park admin publishes, members read, write a note and take the quiz
// (answers never reach them before they submit), the secretary sees the branch's completion, reads and
// answers notes, reviews held ones and reminds those who have not finished (inbox, once a day); then a
// 主题党日 with a rotating check-in code and the attendance list.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { GOOD_NOTE, RIGHT, WRONG, assertError, complete, doc, ledger, refusedBy, setClock, startStudy, topicInput } from './support.js';

const refused = refusedBy('study');
/** Any key named like an answer, anywhere in a reply. */
const answerKeys = (v: unknown, path = ''): string[] =>
  v && typeof v === 'object'
    ? Object.entries(v).flatMap(([k, x]) => [...(/answer|correct/i.test(k) ? [`${path}.${k}`] : []), ...answerKeys(x, `${path}.${k}`)])
    : [];

describe('study: topics, notes, quiz, the secretary, meetings', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let topicId: string;
  const wang = () => as(emu, park, '王芳');
  const li = () => as(emu, park, '李强');
  const zhao = () => as(emu, park, '赵敏');
  const A = () => park.branches.A;

  beforeAll(async () => {
    ({ emu, park } = await startStudy());
    const r = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput());
    topicId = r.topic.id;
    assert.equal(r.assignedMembers, 6, 'branch A has 4 members, B 2');
  });
  afterAll(() => emu?.stop());

  test('publishing counts topicsAssigned once per member, per branch, in the topic month', async () => {
    const a = await doc(emu, 'points_totals', `B|${A()}|2026-11`);
    const b = await doc(emu, 'points_totals', `B|${park.branches.B}|2026-11`);
    assert.deepEqual([a.topicsAssigned, b.topicsAssigned], [4, 2]);
    const topic = await doc(emu, 'topics', topicId);
    assert.equal(topic.quiz.questions[0].answer[0], 1, 'answers are stored server-side');
  });

  test('a member sees the topic and its quiz, never the answers', async () => {
    const list = await wang().ok('study', 'topics.list', {});
    assert.deepEqual(list.topics.map((t: any) => [t.id, t.completed, t.closed, t.hasQuiz]), [[topicId, false, false, true]]);
    const t = await wang().ok('study', 'topics.get', { topicId });
    assert.equal(t.materials.length, 4);
    assert.equal(t.quiz.questions.length, 2);
    assert.deepEqual(answerKeys(t), [], 'no answer field in topics.get');
    assert.deepEqual(answerKeys(list), []);
    assert.deepEqual(answerKeys(await li().ok('study', 'topics.get', { topicId })), [], 'nor for the secretary');
    assertError(await as(emu, park, '陈静').call('study', 'topics.get', { topicId }), 'FORBIDDEN');
  });

  test('a wrong attempt shows only right/wrong per question; the last attempt or a pass shows the correct choices', async () => {
    const first = await zhao().ok('study', 'quiz.submit', { topicId, answers: WRONG });
    assert.deepEqual([first.score, first.passed], [1, false]);
    assert.deepEqual(first.results, [{ correct: false, correctChoices: null }, { correct: true, correctChoices: null }]);
    assert.deepEqual(first.progress.quiz, { attempts: 1, attemptsLeft: 1, passed: false, bestScore: 1 });
    const last = await zhao().ok('study', 'quiz.submit', { topicId, answers: WRONG });
    assert.deepEqual(last.results.map((r: any) => r.correctChoices), [[1], [0, 2]], 'no attempts left: now the answers');
    await refused(emu, zhao(), 'quiz.submit', { topicId, answers: RIGHT }, 'QUIZ_NO_ATTEMPTS');
    assert.equal((await ledger(emu, park.ids.赵敏, 'quizPassed')).length, 0);
  });

  test('the whole flow for a member: read, note, quiz → completed, points once each', async () => {
    const read = await wang().ok('study', 'topics.markRead', { topicId });
    assert.deepEqual([read.progress.read, read.progress.completed, read.pointsAwarded], [true, false, []]);
    await refused(emu, wang(), 'notes.submit', { topicId, text: '太短了' }, 'INVALID_INPUT', /至少 10 字/);
    const note = await wang().ok('study', 'notes.submit', { topicId, text: GOOD_NOTE });
    assert.deepEqual([note.held, note.progress.note.status, note.pointsAwarded], [false, 'accepted', ['noteWritten']]);
    await refused(emu, wang(), 'notes.submit', { topicId, text: GOOD_NOTE }, 'CONFLICT');
    const quiz = await wang().ok('study', 'quiz.submit', { topicId, answers: RIGHT });
    assert.deepEqual([quiz.score, quiz.passed, quiz.progress.completed], [2, true, true]);
    assert.deepEqual(quiz.pointsAwarded.sort(), ['quizPassed', 'topicCompleted']);
    assert.deepEqual(quiz.results.map((r: any) => r.correctChoices), [[1], [0, 2]]);
    const items = (await ledger(emu, park.ids.王芳)).map((e) => `${e.item}:${e.points}`).sort();
    assert.deepEqual(items, ['noteWritten:5', 'quizPassed:5', 'topicCompleted:10']);
    const a = await doc(emu, 'points_totals', `B|${A()}|2026-11`);
    assert.equal(a.topicsCompleted, 1);
    // A replay changes nothing.
    const again = await wang().ok('study', 'topics.markRead', { topicId });
    assert.deepEqual(again.pointsAwarded, []);
    assert.equal((await ledger(emu, park.ids.王芳)).length, 3);
    assert.equal((await wang().ok('study', 'topics.list', {})).topics[0].completed, true);
  });

  test('notes: pass is accepted, review is held for the secretary, risky is refused and nothing stored', async () => {
    await refused(emu, li(), 'notes.submit', { topicId, text: `学习体会很深刻，另外【测试违规词】欢迎联系` }, 'CONTENT_RISKY', /不适宜/);
    const held = await li().ok('study', 'notes.submit', { topicId, text: '学习体会很深刻，有问题【测试待审词】可以交流' });
    assert.deepEqual([held.held, held.progress.note.status, held.pointsAwarded], [true, 'pending', []]);
    const zhaoNote = await zhao().ok('study', 'notes.submit', { topicId, text: GOOD_NOTE });
    assert.equal(zhaoNote.progress.note.status, 'accepted');
    const notes = await li().ok('study', 'notes.list', { topicId, branchId: A() });
    // Held notes first (what the secretary must act on); the accepted ones follow in submission order.
    const rows = notes.notes.map((n: any) => [n.name, n.status]);
    assert.deepEqual(rows[0], ['李强', 'pending']);
    assert.deepEqual(rows.slice(1).sort(), [['王芳', 'accepted'], ['赵敏', 'accepted']]);
    // Another branch's secretary may not approve it; the park admin may.
    await refused(emu, as(emu, park, '张伟'), 'notes.review', { noteId: notes.notes[0].id, decision: 'approve' }, 'FORBIDDEN');
    const ok = await as(emu, park, '周涛').ok('study', 'notes.review', { noteId: notes.notes[0].id, decision: 'approve' });
    assert.equal(ok.note.status, 'accepted');
    assert.equal((await ledger(emu, park.ids.李强, 'noteWritten')).length, 1, 'points when approved');
    await refused(emu, li(), 'notes.review', { noteId: notes.notes[0].id, decision: 'reject' }, 'CONFLICT');
    // A reply to a member's note.
    const wangNote = notes.notes.find((n: any) => n.name === '王芳');
    const reply = await li().ok('study', 'notes.review', { noteId: wangNote.id, reply: '写得很好，继续保持！' });
    assert.equal(reply.note.reply, '写得很好，继续保持！');
    assert.equal((await wang().ok('study', 'topics.get', { topicId })).progress.note.reply, '写得很好，继续保持！');
    await refused(emu, li(), 'notes.review', { noteId: wangNote.id, reply: '加我微信聊' }, 'CONTENT_RISKY');
  });

  test('a rejected note can be written again', async () => {
    const id = `${topicId}|${park.ids.赵敏}`;
    await emu.app().database().collection('notes').doc(id).update({ status: 'pending' });
    await li().ok('study', 'notes.review', { noteId: id, decision: 'reject' });
    assert.equal((await zhao().ok('study', 'topics.get', { topicId })).progress.note.status, 'rejected');
    const again = await zhao().ok('study', 'notes.submit', { topicId, text: `${GOOD_NOTE}（修改后）` });
    assert.equal(again.progress.note.status, 'accepted');
  });

  test('the secretary sees the completion rate and who has not finished, and reminds them once a day', async () => {
    const p = await li().ok('study', 'topics.progress', { topicId, branchId: A() });
    assert.deepEqual([p.members, p.completed, p.rate], [4, 1, 0.25]);
    assert.deepEqual(p.finished.map((r: any) => r.name), ['王芳']);
    assert.deepEqual(p.notFinished.map((r: any) => r.name).sort(), ['孙丽', '李强', '赵敏'].sort());
    assert.deepEqual(p.notFinished.map((r: any) => [r.name, r.bound]).sort(), [['孙丽', false], ['李强', true], ['赵敏', true]].sort(), 'who has not bound WeChat shows');
    const r1 = await li().ok('study', 'topics.remind', { topicId, branchId: A() });
    // 孙丽 never bound WeChat: no reminder reaches her, and the reply names her instead of counting her.
    assert.deepEqual({ ...r1, reached: [...r1.reached].sort() }, { reminded: 2, alreadyToday: 0, reached: ['李强', '赵敏'].sort(), unreachable: ['孙丽'] });
    assert.deepEqual(await emu.app().database().collection('inbox').where({ personId: park.ids.孙丽 }).get().then((r) => r.data), [], 'nothing written for her');
    assert.deepEqual(await li().ok('study', 'topics.remind', { topicId, branchId: A() }), { reminded: 0, alreadyToday: 2, reached: [], unreachable: ['孙丽'] }, 'once per day');
    const inbox = await zhao().ok('study', 'inbox.list', {});
    assert.equal(inbox.unread, 1);
    assert.match(inbox.messages[0].title, /学习提醒/);
    assert.deepEqual((await wang().ok('study', 'inbox.list', {})).messages, [], 'who finished gets nothing');
    assert.deepEqual(await wang().ok('study', 'inbox.markRead', { ids: [inbox.messages[0].id] }), { marked: 0 }, 'not my message');
    assert.deepEqual(await zhao().ok('study', 'inbox.markRead', { ids: [inbox.messages[0].id] }), { marked: 1 });
    assert.equal((await zhao().ok('study', 'inbox.list', { unreadOnly: true })).unread, 0);
    await setClock(emu, '2026-11-11T02:00:00Z');
    assert.equal((await li().ok('study', 'topics.remind', { topicId, branchId: A() })).reminded, 2, 'the next China day');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('a 主题党日: the code rotates, members of the branch check in once, the attendance list', async () => {
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: A(), kind: 'partyDay', title: '十一月主题党日', date: '2026-11-10', place: '三楼会议室' });
    const { code } = await li().ok('study', 'meetings.code', { meetingId: meeting.id });
    assert.match(code, /^RM1\./);
    const first = await wang().ok('study', 'meetings.checkIn', { code });
    assert.deepEqual([first.alreadyCheckedIn, first.meeting.title, first.meeting.attended, 'attendees' in first.meeting], [false, '十一月主题党日', true, false]);
    assert.equal((await wang().ok('study', 'meetings.checkIn', { code })).alreadyCheckedIn, true);
    assert.equal((await ledger(emu, park.ids.王芳, 'partyDayAttended')).length, 1);
    await refused(emu, as(emu, park, '周涛'), 'meetings.checkIn', { code }, 'FORBIDDEN', /其他支部/);
    await refused(emu, as(emu, park, '陈静'), 'meetings.checkIn', { code }, 'FORBIDDEN');
    const card = await wang().ok('user', 'cardCode');
    await refused(emu, zhao(), 'meetings.checkIn', { code: card.code }, 'CHECKIN_CODE_INVALID');
    await refused(emu, zhao(), 'meetings.checkIn', { code: code.slice(0, -2) + (code.endsWith('A') ? 'BB' : 'AA') }, 'CHECKIN_CODE_INVALID');
    await setClock(emu, '2026-11-10T02:01:01Z');
    await refused(emu, zhao(), 'meetings.checkIn', { code }, 'CHECKIN_CODE_EXPIRED');
    const fresh = await li().ok('study', 'meetings.code', { meetingId: meeting.id });
    assert.equal((await zhao().ok('study', 'meetings.checkIn', { code: fresh.code })).alreadyCheckedIn, false);
    const att = await li().ok('study', 'meetings.attendance', { meetingId: meeting.id });
    assert.deepEqual(att.present.map((p: any) => p.name), ['王芳', '赵敏']);
    assert.equal(att.meeting.attendees, 2);
    assert.deepEqual(att.absent.map((p: any) => p.name).sort(), ['孙丽', '李强'].sort());
    const mine = await wang().ok('study', 'meetings.list', {});
    assert.deepEqual(mine.meetings.map((m: any) => [m.title, m.attended]), [['十一月主题党日', true]]);
    // Not on another day.
    await setClock(emu, '2026-11-10T16:00:00Z'); // 2026-11-11 00:00 China
    await refused(emu, li(), 'meetings.code', { meetingId: meeting.id }, 'MEETING_NOT_TODAY');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });
  test('the secretary\'s topic list carries each topic\'s completion, the same as 完成情况, in one call', async () => {
    const second = (await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: A(), title: '第二个专题', quiz: null }))).topic.id;
    await complete(zhao(), second, false);
    const { topics } = await li().ok('study', 'topics.list', { branchId: A() });
    assert.ok(topics.length >= 2);
    for (const t of topics) {
      const p = await li().ok('study', 'topics.progress', { topicId: t.id, branchId: A() });
      assert.deepEqual(t.branchProgress, { members: p.members, completed: p.completed, rate: p.rate }, t.title);
    }
    assert.equal(topics.find((t: any) => t.id === second).branchProgress.completed, 1);
    assert.equal((await wang().ok('study', 'topics.list', {})).topics[0].branchProgress, null, 'not without branchId');
    await refused(emu, wang(), 'topics.list', { branchId: A() }, 'FORBIDDEN');
  });
});
