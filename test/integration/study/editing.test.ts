// Correcting a published topic (topics.draft / topics.update): what a publisher may change, the quiz
// locked once someone answered it, members seeing the new content; publication finished by the
// study timer when the call died between the topic and its branch counters; a repeated publication.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { auditOf } from '../org/support.js';
import { QUIZ, WRONG, doc, refusedBy, startStudy, topicInput } from './support.js';

const refused = refusedBy('study');

/** The editable part of a topic input (no scope, no month). */
function content(over: Record<string, unknown> = {}): Record<string, unknown> {
  const { scope: _s, month: _m, branchId: _b, ...rest } = topicInput();
  return { ...rest, ...over };
}

describe('study: correcting a published topic', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const wang = () => as(emu, park, '王芳');
  const zhou = () => as(emu, park, '周涛');
  const A = () => park.branches.A;
  let made = 0;
  // A title of its own each: publishing the same content again is the same publication (the same topic).
  const branchTopic = async (over: Record<string, unknown> = {}) =>
    (await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: A(), title: `十一月专题${++made}`, ...over }))).topic.id as string;

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // clock: 2026-11-10 10:00 China time
  });
  afterAll(() => emu?.stop());

  test('the secretary corrects title, materials, deadline and note length; members see it, with editedAt; audited', async () => {
    const topicId = await branchTopic();
    const draft = await li().ok('study', 'topics.draft', { topicId });
    assert.deepEqual(draft.content.quiz, QUIZ, 'the publisher gets the answers back to edit them');
    assert.equal(draft.quizLocked, false);
    const materials = [{ kind: 'heading', text: '更正后的标题' }, { kind: 'paragraph', text: '更正后的原文。' }];
    const r = await li().ok('study', 'topics.update', { topicId, ...content({ title: '十一月专题（更正）', deadline: '2026-12-05', materials, noteMinLength: 20 }) });
    assert.equal(r.topic.title, '十一月专题（更正）');
    assert.match(r.topic.editedAt, /^2026-11-10T02:00:/);
    const seen = await wang().ok('study', 'topics.get', { topicId });
    assert.deepEqual([seen.topic.title, seen.topic.deadline, seen.materials, seen.noteMinLength], ['十一月专题（更正）', '2026-12-05', materials, 20]);
    assert.equal(seen.topic.editedAt, r.topic.editedAt);
    const stored = await doc(emu, 'topics', topicId);
    assert.deepEqual([stored.month, stored.scope, stored.branchId, stored.editedBy.name], ['2026-11', 'branch', A(), '李强'], 'month and scope stay');
    const [entry] = await auditOf(emu, park.parkId, 'topics.update');
    assert.deepEqual(entry.detail.changed, ['title', 'deadline', 'materials', 'noteMinLength']);
    // Saving the same content again changes nothing and writes no audit entry.
    await li().ok('study', 'topics.update', { topicId, ...content({ title: '十一月专题（更正）', deadline: '2026-12-05', materials, noteMinLength: 20 }) });
    assert.equal((await auditOf(emu, park.parkId, 'topics.update')).length, 1);
  });

  test('who may correct: the branch\'s managers for a branch topic, the park admin only for a park-wide one', async () => {
    const mine = await branchTopic();
    const parkWide = (await zhou().ok('study', 'topics.create', topicInput({ title: '全园区专题' }))).topic.id;
    await refused(emu, as(emu, park, '张伟'), 'topics.update', { topicId: mine, ...content() }, 'FORBIDDEN');
    await refused(emu, li(), 'topics.update', { topicId: parkWide, ...content() }, 'FORBIDDEN', /园区党委管理员/);
    await refused(emu, li(), 'topics.draft', { topicId: parkWide }, 'FORBIDDEN');
    await refused(emu, wang(), 'topics.draft', { topicId: mine }, 'FORBIDDEN');
    assert.equal((await zhou().ok('study', 'topics.update', { topicId: mine, ...content({ title: '管理员改的' }) })).topic.title, '管理员改的');
    assert.equal((await zhou().ok('study', 'topics.update', { topicId: parkWide, ...content({ title: '全园区专题（更正）' }) })).topic.title, '全园区专题（更正）');
  });

  test('deadlines: not moved into the past nor before the topic month; an unchanged past deadline may stay', async () => {
    const topicId = await branchTopic({ deadline: '2026-11-30' });
    await refused(emu, li(), 'topics.update', { topicId, ...content({ deadline: '2026-11-09' }) }, 'INVALID_INPUT', /不能早于今天/);
    await refused(emu, li(), 'topics.update', { topicId, ...content({ deadline: '2026-10-31' }) }, 'INVALID_INPUT', /月份/);
    // Today is still allowed: open until midnight China time.
    assert.equal((await li().ok('study', 'topics.update', { topicId, ...content({ deadline: '2026-11-10' }) })).topic.closed, false);
    const closed = await branchTopic({ deadline: '2026-11-05' });
    const fixed = await li().ok('study', 'topics.update', { topicId: closed, ...content({ deadline: '2026-11-05', title: '已截止的专题（更正错字）' }) });
    assert.deepEqual([fixed.topic.title, fixed.topic.closed], ['已截止的专题（更正错字）', true]);
  });

  test('the quiz can change until someone answers it; then only more attempts', async () => {
    const topicId = await branchTopic();
    const easier = { ...QUIZ, passMark: 1 };
    await li().ok('study', 'topics.update', { topicId, ...content({ quiz: easier }) });
    assert.equal((await wang().ok('study', 'topics.get', { topicId })).quiz.passMark, 1);
    // 王芳 fails once with 1 of 2 right: passMark 1 means she passed.
    assert.equal((await wang().ok('study', 'quiz.submit', { topicId, answers: WRONG })).passed, true);
    assert.equal((await li().ok('study', 'topics.draft', { topicId })).quizLocked, true);
    await refused(emu, li(), 'topics.update', { topicId, ...content({ quiz: QUIZ }) }, 'CONFLICT', /测验/);
    await refused(emu, li(), 'topics.update', { topicId, ...content({ quiz: null }) }, 'CONFLICT');
    await refused(emu, li(), 'topics.update', { topicId, ...content({ quiz: { ...easier, maxAttempts: 1 } }) }, 'CONFLICT', /次数只能增加/);
    // The same quiz with its keys and answers in another order is the same quiz: more attempts are fine.
    const reordered = { maxAttempts: 5, questions: easier.questions.map((q) => ({ answer: [...q.answer].reverse(), choices: q.choices, kind: q.kind, text: q.text })), passMark: 1 };
    await li().ok('study', 'topics.update', { topicId, ...content({ quiz: reordered }) });
    const zhao = as(emu, park, '赵敏');
    for (let i = 0; i < 4; i++) await zhao.ok('study', 'quiz.submit', { topicId, answers: [[0], [1]] });
    assert.deepEqual((await zhao.ok('study', 'quiz.submit', { topicId, answers: [[0], [1]] })).progress.quiz.attemptsLeft, 0, 'five attempts now');
    assert.equal((await doc(emu, 'topics', topicId)).quiz.questions[0].answer[0], 1, 'the answers stayed');
  });

  test('publishing records each branch counter once; a publication that died half-way is finished by the timer, once', async () => {
    const topicId = (await zhou().ok('study', 'topics.create', topicInput({ month: '2026-12', deadline: '2026-12-31', title: '十二月专题' }))).topic.id;
    const stored = await doc(emu, 'topics', topicId);
    assert.deepEqual([stored.countersDone, stored.countersPending], [true, []]);
    const assigned = async () => [
      (await doc(emu, 'points_totals', `B|${A()}|2026-12`))?.topicsAssigned ?? 0,
      (await doc(emu, 'points_totals', `B|${park.branches.B}|2026-12`))?.topicsAssigned ?? 0,
    ];
    assert.deepEqual(await assigned(), [4, 2]);

    // A publication whose call died after the topic's transaction: nothing counted yet.
    const db = emu.app().database();
    const { _id: _i, ...rest } = stored;
    await db.collection('topics').add({ ...rest, _id: 'topic-half-published', title: '半途的专题', countersPending: [A(), park.branches.B], countersDone: false });
    // And one whose counters landed but whose "done" mark did not.
    await db.collection('topics').doc(topicId).update({ countersPending: [A(), park.branches.B], countersDone: false });
    // A client posing as the timer reaches the router, not the repair.
    const spoof = (await emu.appAs(park.openids.王芳!).callFunction({ name: 'study', data: { Type: 'Timer' } })).result as any;
    assert.equal(spoof.ok, false);
    assert.equal((await doc(emu, 'topics', 'topic-half-published')).countersDone, false);

    const run = () => emu.api('POST', '/_emulator/triggers/run', { function: 'study', trigger: 'settle' });
    await Promise.all([run(), run()]);
    await run();
    assert.deepEqual(await assigned(), [8, 4], 'the half-published topic counted once; the other not again');
    for (const id of ['topic-half-published', topicId]) {
      const t = await doc(emu, 'topics', id);
      assert.deepEqual([t.countersDone, t.countersPending], [true, []], id);
    }
  });

  test('the same publication again (a retry after an error, a double tap) is the same topic, counted once; once corrected, refused', async () => {
    const input = topicInput({ month: '2027-01', deadline: '2027-01-31', title: '一月专题' });
    const first = await zhou().ok('study', 'topics.create', input);
    const again = await Promise.all([zhou().ok('study', 'topics.create', input), zhou().ok('study', 'topics.create', input)]);
    assert.deepEqual(again.map((r) => r.topic.id), [first.topic.id, first.topic.id]);
    assert.deepEqual(again.map((r) => r.assignedMembers), [6, 6]);
    const { data } = await emu.app().database().collection('topics').where({ month: '2027-01' }).limit(10).get();
    assert.equal(data.length, 1);
    assert.equal((await auditOf(emu, park.parkId, 'topics.create')).filter((e) => e.detail.month === '2027-01').length, 1);
    assert.equal((await doc(emu, 'points_totals', `B|${A()}|2027-01`)).topicsAssigned, 4, 'the branch is counted once');
    // Anything changed is another publication.
    const other = await as(emu, park, '周涛').ok('study', 'topics.create', { ...input, title: '一月专题（二）' });
    assert.notEqual(other.topic.id, first.topic.id);
    // Corrected since: repeating the original publication is refused, not a second topic.
    await zhou().ok('study', 'topics.update', { topicId: first.topic.id, ...content({ title: '一月专题（更正）', deadline: '2027-01-31' }) });
    await refused(emu, zhou(), 'topics.create', input, 'CONFLICT', /已经发布过/);
  });
});
