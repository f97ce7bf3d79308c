// 数据看板 end to end on the real H5 build (issue 19): 李强 reaches his branch's board in two taps from 首页 (支部管理,
// then 看板): the figures, the charts drawn by @antv/f2 on a canvas, and each chart's numbers in the table beneath;
// 周涛 reaches the park's board (园区管理, then 看板): 覆盖率, the branches needing attention, and one of them opens
// that branch's board. Each page at 390 px and in 大字模式 (where only the tables show). Then the demo park that
// `npm start` loads (雄关工业园区: its study, meetings, volunteering, 三评议 and pledges made by the real functions): its
// park admin 魏国庆's board and its secretary 杨建华's, with screenshots.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadDemoPark } from '../support/demo.js';
import type { Page } from 'playwright-core';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { as } from '../support/park.js';
import { shots } from '../support/wheel.js';
import { topicInput, complete } from '../integration/study/support.js';
import { DAY, MONTH, chinaClock } from '../../shared/time.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
  // This e2e runs on the real clock (the phone's and the emulator's): the topic is this China month's, due in a week.
  const china = chinaClock(Date.now());
  const { topic } = await as(app.emu, app.park, '周涛').ok('study', 'topics.create', topicInput({ month: china.format(MONTH), title: '本月专题：学习党章', deadline: china.add(7, 'day').format(DAY) }));
  await complete(as(app.emu, app.park, '王芳'), topic.id);
  const now = new Date();
  await app.emu.app().database().collection('volunteer_registrations').add({
    _id: 'shift-e2e|w', activityId: 'act-x', shiftId: 'shift-e2e', parkId: app.park.parkId, branchId: app.park.branches.A, personId: app.park.ids.王芳, name: '王芳',
    shiftStart: new Date(now.getTime() - 86_400_000), shiftEnd: new Date(now.getTime() - 80_000_000), status: 'registered', signedInAt: null, signedOutAt: null,
    signOutBy: null, signedInOpen: false, manualReason: null, confirmedHours: 2.5, correctionReason: null, createdAt: now, updatedAt: now,
  });
  // The demo park beside the test park, as `npm start` loads it (the demo steps are the real functions' calls).
  await loadDemoPark(app.emu);
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

const T = 20_000;

/** Whether a chart's canvas has anything drawn on it. */
async function drawn(p: Page): Promise<boolean> {
  return p.evaluate(() => {
    const c = document.querySelector('.dash-chart canvas, canvas.dash-chart') as HTMLCanvasElement | null;
    if (!c || !c.width) return false;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) return true;
    return false;
  });
}

test('the secretary’s board: two taps from 首页, charts drawn, the numbers in tables', async () => {
  const { page: p, errors } = await pageAs(app, '李强');
  await p.locator('taro-button-core', { hasText: '支部管理' }).click();
  await p.locator('.rp-subnav__item', { hasText: '看板' }).click();
  await p.locator('.dash-figure').first().waitFor({ timeout: T });
  const text = await p.locator('.dash').innerText();
  assert.match(text, /使用覆盖率/);
  assert.match(text, /履诺率/);
  assert.match(text, /2\.5 小时/);
  assert.match(text, /每月学习完成率[\s\S]*1\/4[\s\S]*25%/);
  assert.match(text, /党员积分[\s\S]*王芳/);
  await p.waitForTimeout(800);
  assert.ok(await drawn(p), 'a chart was drawn');
  await shots(p, 'dashboard-branch');
  assert.deepEqual(errors, []);
}, 120_000);

test('the park’s board: 覆盖率, branches needing attention, each opening its board', async () => {
  const { page: p, errors } = await pageAs(app, '周涛');
  await p.locator('taro-button-core', { hasText: '园区管理' }).click();
  await p.locator('.rp-subnav__item', { hasText: '看板' }).click();
  await p.locator('.dash-figure').first().waitFor({ timeout: T });
  const text = await p.locator('.dash').innerText();
  assert.match(text, /企业党组织覆盖率/);
  assert.match(text, /各支部党员人均积分[\s\S]*新能源公司党支部/);
  await p.waitForTimeout(800);
  await shots(p, 'dashboard-park');
  const behind = p.locator('.dash-behind[data-branch="新能源公司党支部"]');
  await behind.waitFor({ timeout: T });
  assert.match(await behind.innerText(), /学习完成 25%/);
  await behind.click();
  await p.locator('.dash-year', { hasText: '新能源公司党支部' }).waitFor({ timeout: T });
  await shots(p, 'dashboard-park-branch');
  assert.deepEqual(errors, []);
}, 120_000);

test('a member who opens the board from a shared link is told it is the secretaries\', not shown an error, and 回首页 takes her home', async () => {
  const { page: p, errors } = await pageAs(app, '王芳', '/packages/dashboard/pages/index/index');
  await p.locator('.rp-state__title', { hasText: '支部管理只对支部书记开放' }).waitFor({ timeout: T });
  const text = await p.locator('body').innerText();
  assert.match(text, /您自己的学习、志愿和承诺都在首页/);
  assert.doesNotMatch(text, /出错了|重试|看板|台账/);
  const home = p.locator('taro-button-core', { hasText: /^\s*回首页\s*$/ });
  assert.equal(await home.count(), 1);
  await shots(p, 'dashboard-member-refused');
  await home.click();
  await p.waitForURL(/#\/pages\/index\/index/, { timeout: T });
  await p.locator('.home-points__label', { hasText: '本月积分' }).waitFor({ timeout: T });
  await p.locator('.weui-tabbar__item', { hasText: '首页' }).waitFor({ timeout: T });
  await shots(p, 'dashboard-member-refused-home');
  assert.deepEqual(errors, []);
}, 60_000);


test('the demo park’s board for its park admin: every branch, the ones needing attention, charts and tables', async () => {
  const { page: p, errors } = await pageAs(app, { openid: 'o_demo_admin', name: '魏国庆' });
  await p.locator('taro-button-core', { hasText: '园区管理' }).click();
  await p.locator('.rp-subnav__item', { hasText: '看板' }).click();
  await p.locator('.dash-figure').first().waitFor({ timeout: T });
  const text = await p.locator('.dash').innerText();
  assert.match(await p.locator('.dash-year').innerText(), /雄关工业园区/);
  assert.match(await p.locator('.dash-counted').innerText(), /^数据统计于 \d+月\d+日 \d\d:\d\d，每 5 分钟更新一次$/);
  assert.match(text, /企业党组织覆盖率/);
  assert.match(text, /各支部党员人均积分/);
  assert.doesNotMatch(text, /undefined|NaN|null/);
  await p.waitForTimeout(800);
  assert.ok(await drawn(p), 'a chart was drawn');
  await shots(p, 'dashboard-demo-park');
  assert.deepEqual(errors, []);
}, 120_000);

test('the demo park’s secretary 杨建华: his branch’s board', async () => {
  const { page: p, errors } = await pageAs(app, { openid: 'o_demo_secretary', name: '杨建华' });
  await p.locator('taro-button-core', { hasText: '支部管理' }).click();
  await p.locator('.rp-subnav__item', { hasText: '看板' }).click();
  await p.locator('.dash-figure').first().waitFor({ timeout: T });
  const text = await p.locator('.dash').innerText();
  assert.match(text, /党员积分/);
  assert.match(text, /履诺率/);
  assert.doesNotMatch(text, /undefined|NaN|null/);
  assert.equal(await p.locator('.dash-counted').count(), 0, 'a branch’s board is counted live');
  await p.waitForTimeout(800);
  await shots(p, 'dashboard-demo-branch');
  assert.deepEqual(errors, []);
}, 120_000);
