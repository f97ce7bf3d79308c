// The edges of study: points exactly once under replays and concurrent submits, deadlines at China
// midnight, a branch reaching 100% moving its studyRate on the leaderboard, concurrent check-ins.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { GOOD_NOTE, QUIZ, RIGHT, complete, doc, ledger, refusedBy, setClock, startStudy, topicInput } from './support.js';

const refused = refusedBy('study');

describe('study edges', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const B = () => park.branches.B;

  beforeAll(async () => ({ emu, park } = await startStudy()));
  afterAll(() => emu?.stop());

  test('concurrent quiz submits and replays: one attempt passes, each item is awarded once', async () => {
    const { topic } = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput({ title: '并发专题', quiz: { ...QUIZ, maxAttempts: 10 } }));
    const wang = as(emu, park, '王芳');
    await wang.ok('study', 'topics.markRead', { topicId: topic.id });
    await wang.ok('study', 'notes.submit', { topicId: topic.id, text: GOOD_NOTE });
    const replies = await Promise.all(Array.from({ length: 8 }, () => wang.call('study', 'quiz.submit', { topicId: topic.id, answers: RIGHT })));
    const ok = replies.filter((r) => r.ok);
    assert.equal(ok.length, 1, JSON.stringify(replies.map((r) => (r.ok ? 'ok' : r.error.code))));
    assert.ok(replies.every((r) => r.ok || r.error.code === 'CONFLICT'));
    const progress = await doc(emu, 'topic_progress', `${topic.id}|${park.ids.王芳}`);
    assert.deepEqual([progress.quizAttempts, progress.quizPassed], [1, true]);
    await Promise.all(Array.from({ length: 5 }, () => wang.call('study', 'topics.markRead', { topicId: topic.id })));
    const items = (await ledger(emu, park.ids.王芳)).filter((e) => e.sourceId === `topic:${topic.id}`).map((e) => e.item).sort();
    assert.deepEqual(items, ['noteWritten', 'quizPassed', 'topicCompleted']);
    const a = await doc(emu, 'points_totals', `B|${park.branches.A}|2026-11`);
    assert.equal(a.topicsCompleted, 1);
  });

  test('concurrent notes: one is stored; concurrent check-ins: one attendance, one award', async () => {
    const { topic } = await as(emu, park, '李强').ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, title: '支部专题', quiz: null }));
    const zhao = as(emu, park, '赵敏');
    const notes = await Promise.all(Array.from({ length: 5 }, (_, i) => zhao.call('study', 'notes.submit', { topicId: topic.id, text: `${GOOD_NOTE}${i}` })));
    assert.equal(notes.filter((r) => r.ok).length, 1);
    assert.equal((await ledger(emu, park.ids.赵敏, 'noteWritten')).length, 1);
    const { meeting } = await as(emu, park, '李强').ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyLecture', title: '大党课', date: '2026-11-10', place: '报告厅' });
    const { code } = await as(emu, park, '李强').ok('study', 'meetings.code', { meetingId: meeting.id });
    const checks = await Promise.all(Array.from({ length: 6 }, () => zhao.call('study', 'meetings.checkIn', { code })));
    assert.ok(checks.every((r) => r.ok), JSON.stringify(checks.filter((r) => !r.ok)));
    assert.equal(checks.filter((r) => r.ok && !r.data.alreadyCheckedIn).length, 1);
    assert.equal((await doc(emu, 'meetings', meeting.id)).attendees, 1);
    assert.equal((await ledger(emu, park.ids.赵敏, 'partyLectureAttended')).length, 1);
  });

  test('a deadline lasts until 23:59:59 China time that day', async () => {
    const { topic } = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput({ title: '截止专题', deadline: '2026-11-12' }));
    const wang = as(emu, park, '王芳');
    await setClock(emu, '2026-11-12T15:59:59Z'); // 23:59:59 China
    await wang.ok('study', 'topics.markRead', { topicId: topic.id });
    assert.equal((await wang.ok('study', 'topics.get', { topicId: topic.id })).topic.closed, false);
    await setClock(emu, '2026-11-12T16:00:00Z'); // 00:00 on the 13th in China, still the 12th in UTC
    await refused(emu, wang, 'notes.submit', { topicId: topic.id, text: GOOD_NOTE }, 'DEADLINE_PASSED', /2026-11-12/);
    await refused(emu, wang, 'quiz.submit', { topicId: topic.id, answers: RIGHT }, 'DEADLINE_PASSED');
    await refused(emu, as(emu, park, '李强'), 'topics.remind', { topicId: topic.id, branchId: park.branches.A }, 'DEADLINE_PASSED');
    assert.equal((await wang.ok('study', 'topics.get', { topicId: topic.id })).topic.closed, true);
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('a completion late in the month counts in the topic month: 23:59 China on the last day', async () => {
    const { topic } = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput({ title: '月末专题', deadline: '2026-12-05', quiz: null }));
    await setClock(emu, '2026-11-30T15:59:00Z');
    await complete(as(emu, park, '赵敏'), topic.id, false);
    const entry = (await ledger(emu, park.ids.赵敏, 'topicCompleted')).find((e) => e.sourceId === `topic:${topic.id}`);
    assert.equal(entry.month, '2026-11');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test("branch B reaching 100% moves its studyRate on the leaderboard to 1", async () => {
    const zhang = as(emu, park, '张伟');
    const board = async () => {
      const r = await zhang.ok('score', 'leaderboard', { measure: 'studyRate', periodKind: 'month', period: '2026-11' });
      return [...r.ranked, ...r.unranked].find((x: any) => x.branch.id === B()).value;
    };
    const before = await board();
    const { topic } = await zhang.ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: B(), title: '乙支部专题' }));
    const totals = await doc(emu, 'points_totals', `B|${B()}|2026-11`);
    const assigned = totals.topicsAssigned;
    await complete(zhang, topic.id);
    const half = await zhang.ok('study', 'topics.progress', { topicId: topic.id, branchId: B() });
    assert.deepEqual([half.members, half.completed, half.rate], [2, 1, 0.5]);
    // Both members finish every topic B has this month: the park-wide ones too (all still open on the 10th).
    const { topics } = await as(emu, park, '周涛').ok('study', 'topics.list', {});
    for (const t of topics) await complete(as(emu, park, '周涛'), t.id, t.hasQuiz);
    for (const t of topics.filter((t: any) => t.id !== topic.id)) await complete(zhang, t.id, t.hasQuiz);
    const full = await zhang.ok('study', 'topics.progress', { topicId: topic.id, branchId: B() });
    assert.deepEqual([full.completed, full.rate, full.notFinished], [2, 1, []]);
    const after = await doc(emu, 'points_totals', `B|${B()}|2026-11`);
    assert.equal(after.topicsAssigned, assigned);
    assert.equal(after.topicsCompleted, assigned, 'every topic assigned to B is completed');
    assert.ok(before < 1);
    assert.equal(await board(), 1);
  });
});
