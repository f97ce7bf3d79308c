// 一月一专题 end to end on the real H5 build: the secretary publishes a branch topic with a note and a
// quiz; members complete it (王芳 through the pages, the others through the same function); the
// secretary's 完成情况 reaches 100% and the branch's 学习完成率 on 支部排行 moves from 0% to 100%.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chinaPeriods } from '../../shared/periods.js';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';
import { pickOnWheel } from '../support/wheel.js';
import { CONSENT, as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
  // Every member of the branch must be able to finish: 孙丽 binds first (she is on the roster unbound).
  const { invites } = await as(app.emu, app.park, '李强').ok('org', 'invites.create', { personIds: [app.park.ids.孙丽] });
  await as(app.emu, app.park, { openid: 'o_e2e_sunli' }).ok('user', 'bind', { code: invites[0].code, consent: CONSENT });
});
afterAll(async () => {
  await app?.stop();
});

const TITLE = '学习贯彻党的二十届四中全会精神';
const NOTE = '通过本月专题学习，我更加深刻地理解了高质量发展的要求，要在岗位上当好先锋，带头解决生产中的难题。';

async function myStudyRate(page: Page): Promise<string> {
  await page.locator('.lb-measure--studyRate').click();
  const mine = page.locator('.lb-row--mine .lb-row__value');
  await mine.waitFor({ timeout: 15_000 });
  return (await mine.innerText()).trim();
}

test('a secretary publishes a topic, members complete it, the rate reaches 100% and the leaderboard moves', async () => {
  const month = chinaPeriods(new Date()).month;
  // Before: the branch's study rate on 支部排行, seen by 王芳.
  const board = await pageAs(app, '王芳', '/packages/member/pages/leaderboard/index');
  const before = await myStudyRate(board.page);
  await shot(board.page, 'study-leaderboard-before');

  // 1. 李强 publishes the topic on 发布新专题.
  const sec = await pageAs(app, '李强', '/packages/secretary/pages/topic-new/index');
  const p = sec.page;
  await p.locator('.topic-form__title input').waitFor({ timeout: 15_000 });
  await p.locator('.topic-form__title input').fill(TITLE);
  // This month, chosen on the wheel: in a month's last week the form offers the next month (values.ts defaultMonth).
  await pickOnWheel(p, p.locator('.topic-form__month'), [`${month.slice(0, 4)}年`, `${month.slice(5, 7)}月`]);
  await p.locator('.topic-form__block-add--paragraph').click();
  await p.locator('.topic-form__block-text textarea').first().fill('全会强调，要坚持以人民为中心的发展思想，推动高质量发展。');
  await p.locator('.topic-form__note-min input').fill('20');
  await p.locator('.topic-form__quiz-toggle').click();
  await p.locator('.topic-form__question-add').click();
  await p.locator('.topic-form__question-text input').first().fill('推动高质量发展要坚持什么发展思想？');
  const options = p.locator('.topic-form__option input');
  await options.nth(0).fill('以人民为中心');
  await options.nth(1).fill('以速度为中心');
  await p.locator('.topic-form__correct[data-index="0"]').first().click();
  await p.locator('.topic-form__pass input').fill('100'); // per cent of the questions
  await shot(p, 'study-topic-new');
  await p.locator('.topic-form__submit').click();
  await p.locator('.rp-confirm__ok').click(); // 确认发布
  await p.locator('.topic-created').waitFor({ timeout: 15_000 });
  await shot(p, 'study-topic-created');
  const { data: topics } = await app.emu.app().database().collection('topics').where({ branchId: app.park.branches.A, title: TITLE }).get();
  assert.equal(topics.length, 1, 'the topic is stored once');
  const topicId = topics[0]._id as string;
  assert.equal(topics[0].month, month);

  // 2. 王芳 on 学习: open the topic, read, write the note, pass the quiz.
  const { page, errors } = await pageAs(app, '王芳', '/pages/study/index');
  await page.locator(`.study-topic[data-topic-id="${topicId}"]`).waitFor({ timeout: 15_000 });
  await shot(page, 'study-tab');
  await page.locator(`.study-topic[data-topic-id="${topicId}"] .study-topic__open`).click();
  await page.locator('.topic-read').waitFor({ timeout: 15_000 });
  await page.locator('.topic-read').click();
  await page.locator('.topic-note textarea').fill(NOTE);
  await page.locator('.topic-note-submit').click();
  await page.locator('.topic-note-status').waitFor({ timeout: 15_000 });
  await shot(page, 'study-topic-note');
  await page.locator('.topic-quiz-open').click();
  await page.locator('.quiz-question').first().waitFor({ timeout: 15_000 });
  await page.locator('.quiz-option[data-index="0"]').first().click();
  await shot(page, 'study-quiz');
  await page.locator('.quiz-submit').click();
  await page.locator('.quiz-result').waitFor({ timeout: 15_000 });
  await shot(page, 'study-quiz-result');
  const mine = (await app.emu.app().database().collection('topic_progress').doc(`${topicId}|${app.park.ids.王芳}`).get()).data[0];
  assert.ok(mine?.completedAt, '王芳 completed the topic through the pages');
  const points = await as(app.emu, app.park, '王芳').ok('score', 'me.summary', {});
  assert.ok(points.month >= 10, `topic points awarded: ${JSON.stringify(points)}`);

  // 3. The other members finish through the same function.
  for (const who of [as(app.emu, app.park, '李强'), as(app.emu, app.park, '赵敏'), as(app.emu, app.park, { openid: 'o_e2e_sunli' })]) {
    await who.ok('study', 'topics.markRead', { topicId });
    await who.ok('study', 'notes.submit', { topicId, text: NOTE });
    const quiz = await who.ok('study', 'quiz.submit', { topicId, answers: [[0]] });
    assert.equal(quiz.progress.completed, true);
  }

  // 4. The secretary's 完成情况: 100%, nobody missing.
  const prog = await pageAs(app, '李强', `/packages/secretary/pages/progress/index?topicId=${topicId}&branchId=${app.park.branches.A}`);
  await prog.page.locator('.progress-rate').waitFor({ timeout: 15_000 });
  assert.match(await prog.page.locator('.progress-rate').innerText(), /100\s*%/);
  assert.equal(await prog.page.locator('.progress-missing').count(), 0);
  await shot(prog.page, 'study-progress-100');

  // 5. 支部排行: the branch's 学习完成率 moved.
  const board2 = await pageAs(app, '王芳', '/packages/member/pages/leaderboard/index');
  const after = await myStudyRate(board2.page);
  await shot(board2.page, 'study-leaderboard-after');
  assert.notEqual(after, before);
  assert.match(after, /100\s*%/);
  assert.deepEqual([...errors, ...sec.errors, ...prog.errors, ...board.errors, ...board2.errors], []);
});
