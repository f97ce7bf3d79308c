// 承诺践诺 end to end on the real H5 build (issue 17): 王芳 writes a pledge on 我的承诺 (the due date on the wheel)
// and a second one; 李强 returns the vague one with a comment and approves the other on 承诺审核; 陈静 finds it on
// the 公开承诺 board and 王芳's card shows it; 王芳 records progress and claims it; 李强 confirms it (the branch's
// 履诺率 goes from nothing due to 100%); in December 陈静 rates it on 评诺; 王芳 sees the counts, never who.
// Every new page is saved at 390 px and in 大字模式.
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
const stored = async (where: object) => (await app.emu.app().database().collection('pledges').where(where).get()).data as any[];
const reloadAt = async (page: Page, route: string) => {
  await page.goto(`${app.emu.baseUrl}/#${route}`);
  await page.reload();
};

test('pledge → return and approve → board and card → progress, claim, confirm → a colleague rates → the member sees it, the rate moves', async () => {
  const errors: string[][] = [];
  await chinaClock(app.emu, '2026-01-05 10:00');

  // 1. 王芳 writes her pledge on 我的承诺, reached from 首页.
  const wang = await pageAs(app, '王芳');
  errors.push(wang.errors);
  const w = wang.page;
  // The phone's clock says what the park's says (the due-date wheel starts at the phone's today).
  await w.clock.setFixedTime(new Date('2026-01-05T02:00:00Z'));
  await w.locator('.home-pledges__mine').click();
  await w.locator('.pl-mine__write').click();
  await w.locator('.pl-kind--work').click();
  await w.locator('.pl-write__what textarea').fill('全年质检零差错，带好两名新入职的质检员');
  await w.locator('.pl-write__how textarea').fill('车间质检记录，两人独立签发质检单');
  await pick(w, w.locator('.pl-write__due'), ['2026年', '03月', '31日']);
  await shots(w, 'pledges-write');
  await w.locator('.pl-write__send').click();
  await w.locator('.pl-outcome', { hasText: '等待支部书记审核' }).waitFor({ timeout: T });
  const [first] = await stored({ personId: app.park.ids.王芳 });
  assert.deepEqual([first.dueOn, first.kind, first.status], ['2026-03-31', 'work', 'submitted']);
  // A vague second one (written the same way; here through the function to keep the test short).
  const vague = (await as(app.emu, app.park, '王芳').ok('pledge', 'create', { kind: 'study', what: '好好学习天天向上', howSeen: '自己知道', dueOn: '2026-06-30', term: 'yearly' })).pledge.id;
  await shots(w, 'pledges-mine-submitted');

  // 2. 李强 returns the vague one with a comment and approves the other on 承诺审核 (from 首页).
  const li = await pageAs(app, '李强');
  errors.push(li.errors);
  const l = li.page;
  await l.locator('.home-pledges__review').click();
  await l.locator('.pl-queue--approve .pl-item').first().waitFor({ timeout: T });
  const vagueCard = l.locator(`.pl-item[data-pledge-id="${vague}"]`);
  await vagueCard.locator('.pl-decide__no').click();
  await vagueCard.locator('.pl-decide__text textarea').fill('太笼统，请写明学什么、学多少、什么时候完成');
  await shots(l, 'pledges-review-return');
  await vagueCard.locator('.pl-decide__no-send').click();
  await l.locator('.pl-outcome', { hasText: '已退回王芳修改' }).waitFor({ timeout: T });
  await l.locator(`.pl-item[data-pledge-id="${first._id}"] .pl-decide__yes`).click();
  await l.locator('.pl-outcome', { hasText: '已通过' }).waitFor({ timeout: T });
  assert.deepEqual((await stored({ personId: app.park.ids.王芳 })).map((p) => p.status).sort(), ['approved', 'returned']);

  // 王芳 sees the comment on the returned one.
  await reloadAt(w, '/packages/pledge/pages/mine/index');
  await w.locator(`.pl-item[data-pledge-id="${vague}"] .pl-item__comment`, { hasText: '太笼统' }).waitFor({ timeout: T });

  // 3. The board (陈静, 群众 of the branch) and 王芳's card.
  const chen = await pageAs(app, '陈静');
  errors.push(chen.errors);
  const c = chen.page;
  await c.locator('.home-pledges__board').click();
  await c.locator(`.pl-item[data-pledge-id="${first._id}"]`).waitFor({ timeout: T });
  assert.equal(await c.locator(`.pl-item[data-pledge-id="${vague}"]`).count(), 0, 'the returned one is not public');
  assert.match(await c.locator('.pl-board__rate').innerText(), /暂无到期的承诺/);
  await shots(c, 'pledges-board-branch');
  await c.locator('.pl-board__tab-park').click();
  await c.locator('.pl-board__branch').first().waitFor({ timeout: T });
  await shots(c, 'pledges-board-park');
  await reloadAt(w, '/pages/mine/index');
  await w.getByText('全年质检零差错，带好两名新入职的质检员').first().waitFor({ timeout: T });

  // 4. Progress and the claim (20 March), then 李强 confirms.
  await chinaClock(app.emu, '2026-03-20 09:00');
  await reloadAt(w, '/packages/pledge/pages/mine/index');
  const mineCard = w.locator(`.pl-item[data-pledge-id="${first._id}"]`);
  await mineCard.locator('.pl-item__progress-open').click();
  await mineCard.locator('.pl-progress__text textarea').fill('两名新员工跟班两个月，已能完成常规检验');
  await mineCard.locator('.pl-progress__send').click();
  await w.locator('.pl-outcome', { hasText: '进展已记录' }).waitFor({ timeout: T });
  await w.locator(`.pl-item[data-pledge-id="${first._id}"] .pl-item__claim-open`).click();
  await w.locator('.pl-claim__text textarea').fill('两人均已独立上岗，见车间质检单签发记录');
  await shots(w, 'pledges-claim');
  await w.locator('.pl-claim__send').click();
  await w.locator('.pl-outcome', { hasText: '已申报践诺' }).waitFor({ timeout: T });
  await reloadAt(l, '/packages/pledge/pages/review/index');
  await l.locator(`.pl-queue--confirm .pl-item[data-pledge-id="${first._id}"]`).waitFor({ timeout: T });
  await shots(l, 'pledges-review-confirm');
  await l.locator(`.pl-item[data-pledge-id="${first._id}"] .pl-decide__yes`).click();
  await l.locator('.pl-outcome', { hasText: '已确认践诺' }).waitFor({ timeout: T });
  assert.equal((await stored({ _id: first._id }))[0].status, 'fulfilled');
  await reloadAt(c, '/packages/pledge/pages/board/index');
  await c.locator('.pl-board__rate', { hasText: '100%（已践诺 1 项 / 到期 1 项）' }).waitFor({ timeout: T });

  // 5. December: 陈静 rates it on 评诺.
  await chinaClock(app.emu, '2026-12-02 10:00');
  await reloadAt(c, '/packages/pledge/pages/board/index');
  await c.locator('.pl-board__rate-open').click();
  // Scoped to 评诺: the board it came from stays in the page stack (hidden) with the same pledge card.
  const toRate = c.locator(`.pl-rate-page .pl-item[data-pledge-id="${first._id}"]`);
  await toRate.waitFor({ timeout: T });
  await toRate.locator('.pl-rating--satisfied').click();
  await toRate.locator('.pl-rate-form__comment textarea').fill('带新人很耐心');
  await shots(c, 'pledges-rate');
  await toRate.locator('.pl-rate-form__send').click();
  await c.locator('.pl-outcome', { hasText: '已评价王芳的承诺：满意' }).waitFor({ timeout: T });

  // 6. 王芳 sees the counts, not who rated.
  await reloadAt(w, '/packages/pledge/pages/mine/index');
  const rated = w.locator(`.pl-item[data-pledge-id="${first._id}"] .pl-item__ratings`);
  await rated.waitFor({ timeout: T });
  assert.match(await rated.innerText(), /满意 1 · 基本满意 0 · 不满意 0（满意率 100%）/);
  const text = await w.locator('.pl-mine').innerText();
  assert.ok(!text.includes('陈静') && !text.includes('带新人很耐心'), 'neither the rater nor the comment');
  await shots(w, 'pledges-mine-rated');
  assert.deepEqual(errors.flat(), [], 'no page error');
}, 300_000);
