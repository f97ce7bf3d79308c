// 修改专题 end to end on the real H5 build: the secretary corrects a published branch topic from
// 学习专题 (title and a new paragraph, confirmed in the page), the stored topic changes, and a member
// sees the new content with “内容已于 … 更新”. Once a member has answered the quiz, the edit page
// shows the quiz read-only and 最多答几次 can still be raised.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaPeriods } from '../../shared/periods.js';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';
import { as } from '../support/park.js';

let app: LocalApp;
let month = '';
let deadline = '';
beforeAll(async () => {
  app = await startLocalApp();
  month = chinaPeriods(new Date()).month;
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  deadline = `${month}-${String(lastDay).padStart(2, '0')}`;
});
afterAll(async () => {
  await app?.stop();
});

const QUIZ = { questions: [{ text: '推动高质量发展要坚持什么发展思想？', kind: 'single' as const, choices: ['以人民为中心', '以速度为中心'], answer: [0] }], passMark: 1, maxAttempts: 2 };

async function publish(title: string): Promise<string> {
  const { topic } = await as(app.emu, app.park, '李强').ok('study', 'topics.create', {
    scope: 'branch', branchId: app.park.branches.A, month, title, deadline,
    materials: [{ kind: 'paragraph', text: '全会强调，要坚持以人民为中心的发展思想。' }], noteMinLength: 20, quiz: QUIZ,
  });
  return topic.id;
}

const stored = async (topicId: string) => (await app.emu.app().database().collection('topics').doc(topicId).get()).data[0] as Record<string, unknown>;

test('the secretary edits a published topic on 学习专题 and a member sees the new content', async () => {
  const topicId = await publish('十一月学习专题（初稿）');
  // A park-wide topic: 李强 is no park admin, so it has no 修改 for him.
  const { topic: parkTopic } = await as(app.emu, app.park, '周涛').ok('study', 'topics.create', {
    scope: 'park', month, title: '园区党委专题', deadline, materials: [{ kind: 'paragraph', text: '园区材料' }], noteMinLength: 10, quiz: null,
  });

  const sec = await pageAs(app, '李强', '/packages/secretary/pages/topics/index');
  const p = sec.page;
  const row = p.locator(`.topics-item[data-topic-id="${topicId}"]`);
  await row.waitFor({ timeout: 15_000 });
  await p.locator(`.topics-item[data-topic-id="${parkTopic.id}"]`).waitFor({ timeout: 15_000 });
  assert.equal(await p.locator(`.topics-item[data-topic-id="${parkTopic.id}"] .topics-item__edit`).count(), 0, 'no 修改 on a park-wide topic for a secretary');
  assert.equal(await row.locator('.topics-item__edited').count(), 0, 'not edited yet');
  await row.locator('.topics-item__edit').click();

  // The form, filled with the published topic; month and scope read-only.
  const title = p.locator('.topic-form__title input');
  await title.waitFor({ timeout: 15_000 });
  await p.waitForFunction(() => (document.querySelector('.topic-form__title input') as HTMLInputElement | null)?.value === '十一月学习专题（初稿）', undefined, { timeout: 15_000 });
  assert.equal(await p.locator('.topic-form__month').count(), 0, 'month is not editable');
  assert.match(await p.locator('.topic-form__fixed').innerText(), /本支部/);
  assert.equal(await p.locator('.topic-form__quiz-locked').count(), 0, 'nobody answered: the quiz is editable');
  assert.equal(await p.locator('.topic-form__question-text input').first().inputValue(), QUIZ.questions[0].text);
  assert.equal(await p.locator('.topic-form__pass input').inputValue(), '100');
  await p.waitForFunction(() => document.title === '修改专题', undefined, { timeout: 15_000 });

  const NEW_TITLE = '学习贯彻全会精神（修订）';
  const NEW_PARAGRAPH = '补充材料：要把学习成果转化为推动企业发展的实际行动。';
  await title.fill(NEW_TITLE);
  await p.locator('.topic-form__block-add--paragraph').click();
  await p.locator('.topic-form__block-text textarea').last().fill(NEW_PARAGRAPH);
  await shot(p, 'topic-edit-form');
  await p.locator('.topic-form__submit').click();
  const confirm = p.locator('.topic-form__confirm');
  await confirm.waitFor({ timeout: 15_000 });
  const lines = await confirm.innerText();
  assert.match(lines, /专题名称/);
  assert.match(lines, /学习材料：1 段 改为 2 段/);
  assert.doesNotMatch(lines, /测验/, 'the quiz did not change');
  await shot(p, 'topic-edit-confirm');
  await p.locator('.rp-confirm__ok').click();
  await p.locator('.topic-saved').waitFor({ timeout: 15_000 });
  assert.match(await p.locator('.topic-saved').innerText(), /已保存/);
  await shot(p, 'topic-edit-saved');

  const doc = await stored(topicId);
  assert.equal(doc.title, NEW_TITLE);
  assert.deepEqual(doc.materials, [{ kind: 'paragraph', text: '全会强调，要坚持以人民为中心的发展思想。' }, { kind: 'paragraph', text: NEW_PARAGRAPH }]);
  assert.ok(doc.editedAt, 'editedAt is stored');
  assert.deepEqual(doc.quiz, QUIZ, 'the quiz is unchanged (its pass mark survived the % round trip)');
  assert.equal(doc.month, month);

  // Back on 学习专题: the row says 已修改.
  await p.locator('.topic-created__back').click();
  await p.locator(`.topics-item[data-topic-id="${topicId}"] .topics-item__edited`).waitFor({ timeout: 15_000 });
  await shot(p, 'topic-edit-list');

  // 王芳 opens the topic.
  const mem = await pageAs(app, '王芳', `/packages/study/pages/topic/index?topicId=${topicId}`);
  await mem.page.locator('.study-head__title').waitFor({ timeout: 15_000 });
  assert.equal((await mem.page.locator('.study-head__title').innerText()).trim(), NEW_TITLE);
  assert.match(await mem.page.locator('.topic-materials').innerText(), new RegExp(NEW_PARAGRAPH));
  const [, m, d] = chinaDateString(new Date()).split('-');
  assert.equal((await mem.page.locator('.study-head__edited').innerText()).trim(), `（内容已于 ${Number(m)}月${Number(d)}日 更新）`);
  await shot(mem.page, 'topic-edit-member');
  assert.deepEqual([...sec.errors, ...mem.errors], []);
});

test('once a member has answered the quiz it is read-only, but 最多答几次 can still go up', async () => {
  const topicId = await publish('测验已答过的专题');
  await as(app.emu, app.park, '王芳').ok('study', 'quiz.submit', { topicId, answers: [[1]] });

  const { page: p, errors } = await pageAs(app, '李强', `/packages/secretary/pages/topic-new/index?topicId=${topicId}&branchId=${app.park.branches.A}`);
  const locked = p.locator('.topic-form__quiz-locked');
  await locked.waitFor({ timeout: 15_000 });
  const text = await locked.innerText();
  assert.match(text, /已有党员答过测验.*题目和答案不能再改/);
  assert.match(text, /以人民为中心/);
  assert.equal(await p.locator('.topic-form__question-text').count(), 0, 'no editable question');
  assert.equal(await p.locator('.topic-form__quiz-toggle').count(), 0, 'the quiz cannot be switched off');
  await locked.scrollIntoViewIfNeeded();
  await shot(p, 'topic-edit-quiz-locked');

  // Fewer attempts is refused on the phone; nothing typed is lost.
  const attempts = p.locator('.topic-form__attempts input');
  await attempts.fill('1');
  await p.locator('.topic-form__submit').click();
  await p.locator('.rp-errors').waitFor({ timeout: 15_000 });
  assert.match(await p.locator('.rp-errors').innerText(), /只能增加/);
  assert.equal(await attempts.inputValue(), '1');

  await attempts.fill('4');
  await p.locator('.topic-form__submit').click();
  const confirm = p.locator('.topic-form__confirm');
  await confirm.waitFor({ timeout: 15_000 });
  assert.match(await confirm.innerText(), /最多答几次：2 次 改为 4 次/);
  await p.locator('.rp-confirm__ok').click();
  await p.locator('.topic-saved').waitFor({ timeout: 15_000 });

  const doc = await stored(topicId);
  assert.deepEqual(doc.quiz, { ...QUIZ, maxAttempts: 4 });
  assert.ok(doc.editedAt);
  // 王芳 has attempts again.
  const mine = await as(app.emu, app.park, '王芳').ok('study', 'topics.get', { topicId });
  assert.equal(mine.progress?.quiz?.attemptsLeft, 3);
  assert.deepEqual(errors, []);
});
