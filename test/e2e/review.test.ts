// 三评议 end to end on the real H5 build: the park admin opens the year's review on 三评议 · 园区 (管理 →
// 三评议), naming 陈静 the leader of 酒泉新能源 and 何军 a committee member of branch A; 赵敏 finds 三评议 on 首页's
// to-do list and rates 王芳 on the form (陈静 and 何军 rate her through the function); the secretary opens 支部评定
// from 首页, records 赵敏 优秀, is refused a second 优秀 with the one-third rule in words, and records 王芳 合格;
// 王芳 reads her result under 我的 — the decision and the votes in all, no rater named; the park admin sees the
// branch's completion. Every new page is saved at 390 px and in 大字模式 (test-results/screenshots/review-*.png).
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { settle, stateProblems, visibleText, latinIn } from '../support/page-checks.js';
import { shots } from '../support/wheel.js';
import { as } from '../support/park.js';
import { addPerson } from '../integration/org/support.js';
import { chinaClock } from '../integration/review/support.js';

let app: LocalApp;
let hejun = '';
const HE = { openid: 'o_review_e2e_hejun', name: '何军' };
beforeAll(async () => {
  app = await startLocalApp();
  hejun = await addPerson(app.emu, app.park.parkId, app.park.branches.A, { name: HE.name, openid: HE.openid, boundAt: new Date(), enterpriseId: 'ent-1' });
  // The functions' clock on 10 December (China time): inside the default window 12月1日至12月31日.
  await chinaClock(app.emu, '2026-12-10 10:00');
});
afterAll(async () => {
  await app?.stop();
});

// Generous: on a loaded machine a function's first call (its cold start) can take a while.
const T = 60_000;
const YEAR = '2026';

/** No error state, no spinner, no English or ids on the page as it stands. */
async function clean(page: Page, what: string): Promise<void> {
  await settle(page);
  assert.deepEqual(await stateProblems(page), [], what);
  assert.deepEqual(latinIn(await visibleText(page)), [], `${what}: Latin letters shown`);
}

test('open the review, rate, decide under the one-third rule, read one\'s own result', async () => {
  const errors: string[][] = [];

  // 1. 周涛 (park admin): 首页 → 管理 → 三评议（开启、完成情况）; names the leader and the committee member, opens it.
  const zhou = await pageAs(app, '周涛');
  errors.push(zhou.errors);
  const z = zhou.page;
  await z.locator('.role-entry--review-park').click();
  await z.locator('.rv-park__save').waitFor({ timeout: T });
  await z.locator('.rv-park__ent[data-enterprise="酒泉新能源有限公司"] .rp-link').click();
  await z.locator('.rv-park__leader', { hasText: '陈静' }).click();
  await z.locator('.rv-park__branch[data-branch="新能源公司党支部"] .rp-link').click();
  await z.locator('.rv-park__member', { hasText: '何军' }).click();
  await clean(z, 'open review');
  await shots(z, 'review-park-setup');
  await z.locator('.rv-park__save').click();
  await z.locator('.rv-park__saved', { hasText: '2026年度三评议已开启，评议时间 12月1日至12月31日' }).waitFor({ timeout: T });
  await z.locator('.rv-park__completion').waitFor({ timeout: T });
  const [review] = (await app.emu.app().database().collection('reviews').where({ parkId: app.park.parkId }).get()).data as any[];
  assert.deepEqual([review.from, review.until, review.leaders['ent-1'], review.committees[app.park.branches.A]], ['2026-12-01', '2026-12-31', [app.park.ids.陈静], [hejun]]);

  // 2. 赵敏: 首页's to-do says who is waiting; the list, then the form for 王芳.
  const zhao = await pageAs(app, '赵敏');
  errors.push(zhao.errors);
  const m = zhao.page;
  await m.locator('.todo-item--review', { hasText: '三评议：还有 4 位同志待评议' }).click();
  await m.locator('.rv-todo__row').first().waitFor({ timeout: T });
  await clean(m, 'to-do');
  await shots(m, 'review-todo');
  await m.locator('.rv-todo__row[data-member="王芳"] .rv-todo__rate').click();
  await m.locator('.rv-rate__submit').waitFor({ timeout: T });
  await m.locator('.rv-rate__submit').click();
  await m.locator('.rp-error-text', { hasText: '请选择评议等次' }).waitFor({ timeout: T });
  await m.locator('.rv-grade--qualified').click();
  await m.locator('.rv-rate__comment textarea').fill('乐于帮助同事，工作认真');
  await clean(m, 'rating form');
  await shots(m, 'review-rate');
  await m.locator('.rv-rate__submit').click();
  await m.locator('.rv-rate__done', { hasText: '已提交对王芳的评议：合格' }).waitFor({ timeout: T });
  await m.locator('.rv-rate__back').click();
  await m.locator('.rv-todo__done .rv-todo__row[data-member="王芳"]', { hasText: '合格' }).waitFor({ timeout: T });
  const [rating] = (await app.emu.app().database().collection('review_ratings').where({ memberId: app.park.ids.王芳 }).get()).data as any[];
  assert.deepEqual([rating.role, rating.grade, rating.comment], ['colleague', 'qualified', '乐于帮助同事，工作认真']);

  // 陈静 (the leader) and 何军 (the committee) rate her too.
  await as(app.emu, app.park, '陈静').ok('review', 'rate.submit', { year: YEAR, memberId: app.park.ids.王芳, grade: 'excellent', comment: '带头攻坚' });
  await as(app.emu, null, { openid: HE.openid }).ok('review', 'rate.submit', { year: YEAR, memberId: app.park.ids.王芳, grade: 'qualified' });

  // 3. 李强 (secretary): 首页 → 支部评定; 赵敏 优秀; a second 优秀 refused; 王芳 合格.
  const li = await pageAs(app, '李强');
  errors.push(li.errors);
  const s = li.page;
  await s.locator('.todo-item--review-branch').click();
  await s.locator('.rv-branch__quota', { hasText: '本支部 5 名党员，优秀最多 1 名，已评定优秀 0 名' }).waitFor({ timeout: T });
  const wangRow = s.locator('.rv-branch__row[data-member="王芳"]');
  assert.match(await wangRow.innerText(), /企业领导评议：优秀 1[\s\S]*企业职工评议：合格 1[\s\S]*党支部评议：合格 1[\s\S]*「带头攻坚」（企业领导评议）/);
  assert.doesNotMatch(await wangRow.innerText(), /陈静|赵敏|何军/, 'no rater named to the secretary either');
  await clean(s, 'branch results');
  await shots(s, 'review-branch');
  const zhaoRow = s.locator('.rv-branch__row[data-member="赵敏"]');
  await zhaoRow.locator('.rv-branch__open').click();
  await zhaoRow.locator('.rv-decide__grade--excellent').click();
  await zhaoRow.locator('.rv-branch__save').click();
  await s.locator('.rv-branch__quota', { hasText: '已评定优秀 1 名' }).waitFor({ timeout: T });
  await wangRow.locator('.rv-branch__open').click();
  await wangRow.locator('.rv-decide__grade--excellent').click();
  await wangRow.locator('.rv-branch__save').click();
  await wangRow.locator('.rp-error-text', { hasText: '优秀不能超过支部党员人数的三分之一' }).waitFor({ timeout: T });
  await shots(s, 'review-branch-one-third');
  await wangRow.locator('.rv-decide__grade--qualified').click();
  await wangRow.locator('.rv-branch__note textarea').fill('继续保持');
  await wangRow.locator('.rv-branch__save').click();
  await wangRow.locator('.rp-tag', { hasText: '评定：合格' }).waitFor({ timeout: T });
  const decisions = (await app.emu.app().database().collection('review_decisions').where({ branchId: app.park.branches.A }).get()).data as any[];
  assert.deepEqual(decisions.map((d) => `${d.name}:${d.grade}`).sort(), ['王芳:qualified', '赵敏:excellent']);

  // 4. 王芳: 我的 → 我的三评议结果: the decision, its note and the votes in all; nobody named.
  const wang = await pageAs(app, '王芳', '/pages/mine/index');
  errors.push(wang.errors);
  const w = wang.page;
  await w.locator('.mine-review__open').click();
  await w.locator('.rv-mine__result', { hasText: '支部评定：合格' }).waitFor({ timeout: T });
  const seen = await visibleText(w);
  assert.match(seen, /支部说明：继续保持/);
  assert.match(seen, /共 3 份评议：优秀 1 · 合格 2/);
  for (const name of ['陈静', '赵敏', '何军', '带头攻坚', '乐于帮助']) assert.ok(!seen.includes(name), `${name} shown to the rated`);
  await clean(w, 'my result');
  await shots(w, 'review-mine');

  // 5. 周涛: the completion, counts only.
  await z.reload();
  await z.locator('.rv-park__progress[data-branch="新能源公司党支部"]').waitFor({ timeout: T });
  assert.match(await z.locator('.rv-park__progress[data-branch="新能源公司党支部"]').innerText(), /5 名党员 · 评议完成 1 人 · 已开始 1 人 · 已评定 2 人（优秀 1）/);
  await clean(z, 'completion');
  await shots(z, 'review-park-completion');

  assert.deepEqual(errors.flat(), [], 'no page error');
}, 900_000);
