// 支部排行 end to end on the real H5 build (issue 21): the page opens with ONE score call (board.get): 王芳's
// points and place in her branch this month, the top 20 of a park of 32 branches and her branch's row below them
// apart; 查看全部支部 then loads every branch (leaderboard). Saved at 390 px and in 大字模式; no error, no
// English, nothing wider than the phone.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaPeriods } from '../../shared/periods.js';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { latinIn, settle, stateProblems, visibleText } from '../support/page-checks.js';
import { shots } from '../support/wheel.js';

const T = 15_000;
const EXTRA = 30;
let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

test('my points, my place and the top 20 in one request; every branch on 查看全部支部', async () => {
  const month = chinaPeriods(new Date()).month;
  const db = app.emu.app().database();
  const now = new Date();
  const ids = Array.from({ length: EXTRA }, (_, i) => `lb-extra-${i}`);
  await db.collection('branches').add(ids.map((id, i) => ({ _id: id, parkId: app.park.parkId, name: `第${i + 1}联合党支部`, kind: 'single', enterpriseIds: [], groups: [], memberCount: 10, createdAt: now, updatedAt: now })));
  const totals = (id: string, scope: 'branch' | 'person', owner: string, branch: string, points: number) => ({
    _id: `${scope === 'branch' ? 'B' : 'P'}|${owner}|${month}`, parkId: app.park.parkId, scope, ownerId: owner, branchId: branch, periodKind: 'month', period: month,
    points, byItem: { topicCompleted: points }, topicsCompleted: 0, topicsAssigned: 0, volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0, updatedAt: now,
  });
  await db.collection('points_totals').add([
    ...ids.map((id, i) => totals(id, 'branch', id, id, 200 + 10 * i)),
    totals(app.park.branches.A, 'branch', app.park.branches.A, app.park.branches.A, 30),
    totals(app.park.ids.王芳, 'person', app.park.ids.王芳, app.park.branches.A, 20),
    totals(app.park.ids.李强, 'person', app.park.ids.李强, app.park.branches.A, 10),
  ]);

  const calls = async () => (await app.emu.api('GET', '/_emulator/functions/calls?function=score&limit=500')).length as number;
  const before = await calls();
  const { page, errors } = await pageAs(app, '王芳', '/packages/member/pages/leaderboard/index');
  await page.locator('.lb-me').waitFor({ timeout: T });
  await settle(page);
  assert.equal((await calls()) - before, 1, 'one score call opens the page');
  const me = await page.locator('.lb-me').innerText();
  assert.match(me, /本月我的积分\s*20/);
  assert.match(me, /在本支部排第\s*1\s*名（共 4 人）/);
  assert.match(me, /本支部在全园区排第 31 名（共 31 个支部）/);
  assert.equal(await page.locator('.lb-ranked .lb-row').count(), 21, 'the top 20 and my branch below them');
  assert.match(await page.locator('.lb-row--mine').innerText(), /31[\s\S]*新能源公司党支部/);
  assert.match(await page.locator('.lb-top-note').innerText(), /前 20 名，共 31 个支部/);
  assert.deepEqual(await stateProblems(page), []);
  assert.deepEqual(latinIn(await visibleText(page)), []);
  await shots(page, 'leaderboard-top20');

  await page.locator('.lb-all').click();
  await page.locator('.lb-ranked .lb-row').nth(30).waitFor({ timeout: T });
  assert.equal(await page.locator('.lb-gap').count(), 0);
  assert.equal(await page.locator('.lb-all').count(), 0, 'all shown: no button');
  assert.equal((await calls()) - before, 2, '查看全部支部: one more call');
  await shots(page, 'leaderboard-all');
  assert.deepEqual(errors, []);
});
