// 支部承诺 and the park's 承诺设置 end to end on the real H5 build (issue 17). 周涛 (park admin) opens 园区管理 · 承诺
// from 首页, is refused a minimum above the maximum, then sets 3–6 items a year and a 评诺 window of 11月15日–12月31日
// on the date wheel (stored as the function has it); 王芳 sees the new numbers on 我的承诺. 李强 (secretary) opens
// 支部管理 · 承诺, writes a 支部承诺 with 王芳 responsible (found by name in the branch's roster, the due date on the
// wheel); it is on the public board at once (陈静 sees it with its responsible person); 李强 asks to withdraw
// another and approves it on 承诺审核; 首页 lists 李强's queue and 王芳's item due within 7 days. Every page is saved at
// 390 px and in 大字模式.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { pickOnWheel as pick, shots } from '../support/wheel.js';
import { as } from '../support/park.js';
import { chinaClock } from '../integration/pledge/support.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const T = 15_000;
const db = () => app.emu.app().database();
const reloadAt = async (page: Page, route: string) => {
  await page.goto(`${app.emu.baseUrl}/#${route}`);
  await page.reload();
};

test('园区管理 · 承诺: the park admin sets the items a year and the 评诺 window; members see them', async () => {
  await chinaClock(app.emu, '2026-01-05 10:00');
  const zhou = await pageAs(app, '周涛');
  const z = zhou.page;
  await z.locator('taro-button-core', { hasText: '园区管理' }).click();
  await z.locator('.rp-subnav__item', { hasText: '承诺' }).click();
  await z.locator('.ps-save').waitFor({ timeout: T });
  assert.match(await z.locator('.ps-default').innerText(), /默认设置/);
  await shots(z, 'pledge-settings');
  // A minimum above the maximum is refused with the reason, nothing stored.
  await z.locator('.ps-minPerYear input').fill('7');
  await z.locator('.ps-save').click();
  await z.getByText('每年最少项数不能多于最多项数').first().waitFor({ timeout: T });
  assert.equal((await db().collection('pledge_settings').doc(app.park.parkId).get()).data.length, 0);
  await z.locator('.ps-minPerYear input').fill('3');
  await z.locator('.ps-maxPerYear input').fill('6');
  await pick(z, z.locator('.ps-from'), ['2028年', '11月', '15日']);
  await z.locator('.ps-ratingDailyLimit input').fill('30');
  await z.locator('.ps-save').click();
  await z.locator('.ps-saved').waitFor({ timeout: T });
  await shots(z, 'pledge-settings-saved');
  const [saved] = (await db().collection('pledge_settings').doc(app.park.parkId).get()).data as any[];
  assert.deepEqual([saved.minPerYear, saved.maxPerYear, saved.ratingFrom, saved.ratingTo, saved.ratingDailyLimit], [3, 6, '11-15', '12-31', 30]);
  // Shown again as saved after a reload.
  await reloadAt(z, '/packages/admin/pages/pledge-settings/index');
  await z.locator('.ps-from', { hasText: '11月15日' }).waitFor({ timeout: T });
  assert.equal(await z.locator('.ps-default').count(), 0);
  // A member opening the page (it is not linked for them) reads the settings, no editor.
  const wang = await pageAs(app, '王芳', '/packages/admin/pages/pledge-settings/index');
  await wang.page.getByText('承诺设置由园区党委管理员修改').waitFor({ timeout: T });
  assert.equal(await wang.page.locator('.ps-save').count(), 0);
  await reloadAt(wang.page, '/packages/pledge/pages/mine/index');
  await wang.page.getByText('园区要求 3–6 项', { exact: false }).waitFor({ timeout: T });
  assert.deepEqual([...zhou.errors, ...wang.errors], [], 'no page error');
}, 180_000);

test('支部管理 · 承诺: the secretary writes a 支部承诺 with a responsible person; public at once; withdrawal; 首页 lists the pledge to-dos', async () => {
  await chinaClock(app.emu, '2026-01-05 10:00');
  const li = await pageAs(app, '李强');
  const l = li.page;
  await l.clock.setFixedTime(new Date('2026-01-05T02:00:00Z'));
  await l.locator('taro-button-core', { hasText: '支部管理' }).click();
  await l.locator('.rp-subnav__item', { hasText: '承诺' }).click();
  await l.locator('.pl-branch__write').waitFor({ timeout: T });
  await l.getByText('2026年还没有支部承诺').waitFor({ timeout: T });
  await shots(l, 'pledge-branch-empty');
  await l.locator('.pl-branch__write').click();
  // Sending without a responsible person says so.
  await l.locator('.pl-branch-write__send').click();
  await l.getByText('请选择责任人').first().waitFor({ timeout: T });
  await l.locator('.rp-person__input input').fill('王');
  await l.locator('.rp-person__find').click();
  await l.locator('.rp-person__option', { hasText: '王芳' }).click();
  await l.locator('.rp-person--chosen', { hasText: '王芳' }).waitFor({ timeout: T });
  await l.locator('.pl-kind--service').click();
  await l.locator('.pl-write__what textarea').fill('为园区企业职工办好十件实事，每季度至少两件');
  await l.locator('.pl-write__how textarea').fill('支部台账记录和职工满意度回访');
  await pick(l, l.locator('.pl-write__due'), ['2026年', '01月', '10日']);
  await shots(l, 'pledge-branch-write');
  await l.locator('.pl-branch-write__send').click();
  await l.locator('.pl-outcome', { hasText: '已公开' }).waitFor({ timeout: T });
  const [item] = (await db().collection('pledges').where({ scope: 'branch', branchId: app.park.branches.A }).get()).data as any[];
  assert.deepEqual([item.personId, item.authorId, item.status, item.kind, item.dueOn], [app.park.ids.王芳, app.park.ids.李强, 'approved', 'service', '2026-01-10']);
  await l.locator(`.pl-item[data-pledge-id="${item._id}"]`).waitFor({ timeout: T });
  await shots(l, 'pledge-branch-list');

  // A second one (written the same way; here through the function), withdrawn with the secretary's approval.
  const second = (await as(app.emu, app.park, '李强').ok('pledge', 'branch.create', {
    branchId: app.park.branches.A, responsibleId: app.park.ids.赵敏, kind: 'study', what: '每月组织一次青年职工理论学习', howSeen: '学习记录和签到表', dueOn: '2026-06-30', term: 'yearly',
  })).pledge.id;
  await reloadAt(l, '/packages/pledge/pages/branch/index');
  const card = l.locator(`.pl-item[data-pledge-id="${second}"]`);
  await card.locator('.pl-item__withdraw-open').click();
  await card.locator('.pl-withdraw__text textarea').fill('上级统一安排学习，不再单独组织');
  await card.locator('.pl-withdraw__send').click();
  await l.locator('.pl-outcome', { hasText: '已申请撤回' }).waitFor({ timeout: T });
  await l.locator('.pl-branch__review', { hasText: '撤回待审批 1' }).click();
  await l.locator(`.pl-queue--withdraw .pl-item[data-pledge-id="${second}"] .pl-decide__yes`).click();
  await l.locator('.pl-outcome', { hasText: '已同意撤回' }).waitFor({ timeout: T });
  assert.equal(((await db().collection('pledges').doc(second).get()).data[0] as any).status, 'withdrawn');

  // The public board (陈静, 群众 of the branch): the 支部承诺 with its responsible person; not the withdrawn one.
  const chen = await pageAs(app, '陈静', '/packages/pledge/pages/board/index');
  const c = chen.page;
  const onBoard = c.locator(`.pl-item[data-pledge-id="${item._id}"]`);
  await onBoard.waitFor({ timeout: T });
  assert.match(await onBoard.innerText(), /支部承诺[\s\S]*责任人 王芳/);
  assert.equal(await c.locator(`.pl-item[data-pledge-id="${second}"]`).count(), 0);

  // 首页: 王芳 (responsible) sees it due within 7 days; 李强 sees a claim to confirm once she claims it.
  const wang = await pageAs(app, '王芳');
  const w = wang.page;
  await w.locator('.todo-item--pledge', { hasText: '还有 5 天到期' }).waitFor({ timeout: T });
  await shots(w, 'pledge-home-due');
  await as(app.emu, app.park, '王芳').ok('pledge', 'claim', { pledgeId: item._id, note: '一季度已办两件：职工食堂改造、夜班班车' });
  await reloadAt(l, '/pages/index/index');
  await l.locator('.todo-item--pledge-review', { hasText: '1 项践诺待确认' }).click();
  await l.locator(`.pl-queue--confirm .pl-item[data-pledge-id="${item._id}"]`).waitFor({ timeout: T });
  assert.deepEqual([...li.errors, ...chen.errors, ...wang.errors], [], 'no page error');
}, 240_000);
