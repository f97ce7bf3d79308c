// 名册, 人员情况, 日志 and 全园区学习 in daily use (issue 13) on the real H5 build at 390 px, normal and
// 大字模式: 李强's roster in pinyin order, found by any part of a name or phone, 只看未绑定, 转接 only on
// Party members; 张伟 (联合支部) records where 刘洋 works and the roster shows it; 王芳's page shows her
// study, meetings and points, and 李强 unbinds her old WeChat; 周涛 reads the log as sentences (no ids),
// filters 学习 and 会议, and opens an entry; a branch opened from 支部 stays in view on 学习; 全园区学习
// shows a park-wide topic's completion per branch and 发布全园区专题 starts the form on 全园区.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type LocalApp, button, pageAs, startLocalApp } from '../support/h5.js';
import { visibleText } from '../support/page-checks.js';
import { shots as bothSizes } from '../support/wheel.js';
import { as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const T = 15_000;
const ROSTER = '/packages/secretary/pages/roster/index';

/** The shared shots (390 px and 大字模式, no overflow, no label cut mid-word), and no English word or id on screen. */
async function shots(page: Page, name: string): Promise<void> {
  await bothSizes(page, name);
  const text = (await visibleText(page)).replace(/https?:\/\/\S*/g, ''); // an example link in a form's hint is fine
  assert.ok(!/[A-Za-z]{3,}|[0-9a-f]{12}/.test(text), `${name} shows English or an id: ${text.match(/[A-Za-z]{3,}|[0-9a-f]{12}/)?.[0]}`);
}

/** The 当前支部 of the page in view (the pages below stay in the document, hidden). */
async function branchInView(page: Page): Promise<string> {
  const visible = page.locator('.sec-branch__title:visible');
  await visible.first().waitFor({ timeout: T });
  return (await visible.last().innerText()).trim();
}

const names = (page: Page) => page.locator('.roster-person .rp-item__name').allInnerTexts();

test('名册: pinyin order, search by part of a name or phone, 只看未绑定, 转接 only for Party members', async () => {
  const { page, errors } = await pageAs(app, '李强', ROSTER);
  await page.locator('.roster-person').first().waitFor({ timeout: T });
  assert.deepEqual(await names(page), ['陈静', '李强', '孙丽', '王芳', '赵敏']);
  // 陈静 is 群众: no 转接 on her row; 王芳 (党员) has it.
  assert.equal(await page.locator('.roster-person', { hasText: '陈静' }).locator('.roster__transfer').count(), 0);
  assert.equal(await page.locator('.roster-person', { hasText: '王芳' }).locator('.roster__transfer').count(), 1);
  await page.locator('.roster__filter--unbound', { hasText: '只看未绑定（1）' }).waitFor({ timeout: T });
  await shots(page, 'roster-daily');

  await page.locator('.roster__input input').fill('0001');
  await button(page, '查找').click();
  await page.locator('.roster__searching', { hasText: '手机号含“0001”的人' }).waitFor({ timeout: T });
  await page.waitForFunction(() => document.querySelectorAll('.roster-person').length === 1);
  assert.deepEqual(await names(page), ['王芳']);
  await page.locator('.roster__input input').fill('敏');
  await button(page, '查找').click();
  await page.locator('.roster__searching', { hasText: '姓名含“敏”的人' }).waitFor({ timeout: T });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.roster-person .rp-item__name')).map((e) => e.textContent).join() === '赵敏');
  await page.locator('.roster__clear').click();
  await page.locator('.roster__filter--unbound').click();
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.roster-person .rp-item__name')).map((e) => e.textContent).join() === '孙丽');
  // 给未绑定的人生成邀请码: 孙丽 gets a code on 邀请码.
  await button(page, '给未绑定的人生成邀请码').click();
  await page.locator('.invite-new', { hasText: '孙丽' }).waitFor({ timeout: T });
  const codes = (await app.emu.app().database().collection('invites').where({ personId: app.park.ids.孙丽 }).get()).data;
  assert.equal(codes.length, 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('联合支部: 张伟 records where 刘洋 works on his page, and 名册 shows it', async () => {
  const { page, errors } = await pageAs(app, '张伟', ROSTER);
  await page.locator('.roster-person__enterprise').first().waitFor({ timeout: T });
  await page.locator('.roster-person', { hasText: '刘洋' }).locator('.rp-item__name').click();
  await page.locator('.person-history--volunteer').waitFor({ timeout: T });
  const choice = page.locator('.person-enterprise').nth(1);
  const enterprise = (await choice.locator('.rp-choice__title').innerText()).trim();
  await choice.click();
  await button(page, '保存修改').click();
  await page.locator('.person-saved').waitFor({ timeout: T });
  await shots(page, 'person-joint');
  const stored = (await app.emu.app().database().collection('people').doc(app.park.ids.刘洋).get()).data[0];
  assert.ok(stored.enterpriseId);
  await page.goto(`${app.emu.baseUrl}/#${ROSTER}`);
  await page.locator('.roster-person', { hasText: '刘洋' }).locator('.roster-person__enterprise', { hasText: `所在企业：${enterprise}` }).waitFor({ timeout: T });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('人员情况: 王芳’s study, meetings and points; 李强 unbinds her old WeChat and can invite her again', async () => {
  // A park-wide topic 王芳 finished and a 主题党日 she attended, through the functions.
  const zhou = as(app.emu, app.park, '周涛');
  const wang = as(app.emu, app.park, '王芳');
  const li = as(app.emu, app.park, '李强');
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const { topic } = await zhou.ok('study', 'topics.create', {
    scope: 'park', month, title: '本月专题：学习党章', deadline: today, materials: [{ kind: 'paragraph', text: '中国共产党是中国工人阶级的先锋队。' }], noteMinLength: 10, quiz: null,
  });
  await wang.ok('study', 'topics.markRead', { topicId: topic.id });
  await wang.ok('study', 'notes.submit', { topicId: topic.id, text: '通过学习党章，我更加明确了党员的义务和权利。' });
  const { meetings } = await li.ok('study', 'meetings.create', { branchId: app.park.branches.A, kind: 'partyDay', title: '本月主题党日', date: today, place: '三楼会议室' });
  const { code } = await li.ok('study', 'meetings.code', { meetingId: meetings[0].id });
  await wang.ok('study', 'meetings.checkIn', { code });

  const { page, errors } = await pageAs(app, '李强', ROSTER);
  await page.locator('.roster-person', { hasText: '王芳' }).locator('.rp-item__name').click();
  await page.locator('.person-history--study', { hasText: '本月专题：学习党章' }).waitFor({ timeout: T });
  await page.locator('.person-history--meetings', { hasText: '已签到' }).waitFor({ timeout: T });
  await page.locator('.person-history--points', { hasText: '参加主题党日' }).waitFor({ timeout: T });
  await shots(page, 'person-history');

  await button(page, '解除微信绑定').click();
  await page.locator('.person-unbind__reason textarea').fill('换了新手机号的微信');
  await button(page, '下一步').click();
  await page.locator('.person-unbind__confirm').waitFor({ timeout: T });
  await shots(page, 'person-unbind-confirm');
  await button(page, '确认解除').click();
  await page.locator('.person-unbind', { hasText: '已解除王芳原来的微信绑定' }).waitFor({ timeout: T });
  const stored = (await app.emu.app().database().collection('people').doc(app.park.ids.王芳).get()).data[0];
  assert.ok(!stored.openid);
  await button(page, '生成邀请码').click();
  await page.locator('.invite-new', { hasText: '王芳' }).waitFor({ timeout: T });
  assert.deepEqual(errors, []);
  await page.context().close();
  // Her old WeChat opens the app unbound.
  const r = await wang.call('user', 'card', {});
  assert.equal(r.ok ? 'ok' : r.error.code, 'NOT_BOUND');
});

test('日志: sentences a park admin reads, 学习 and 会议 filters, an entry opens what it concerns', async () => {
  const { page, errors } = await pageAs(app, '周涛', '/packages/admin/pages/audit/index');
  const first = page.locator('.audit-entry').first();
  await first.waitFor({ timeout: T });
  assert.match(await first.locator('.audit-entry__what').innerText(), /^李强为王芳生成了绑定邀请码$/);
  await page.locator('.audit-entry__what', { hasText: '李强解除了王芳的微信绑定，原因：换了新手机号的微信' }).waitFor({ timeout: T });
  await shots(page, 'audit-sentences');
  await page.locator('.audit-filter', { hasText: '会议' }).click();
  await page.locator('.audit-entry__what', { hasText: '李强安排了主题党日「本月主题党日」' }).waitFor({ timeout: T });
  await page.waitForFunction(() => document.querySelectorAll('.audit-entry').length === 1, undefined, { timeout: T });
  await page.locator('.audit-filter', { hasText: '学习' }).click();
  await page.locator('.audit-entry__what', { hasText: '周涛发布了全园区学习专题「本月专题：学习党章」' }).waitFor({ timeout: T });
  await shots(page, 'audit-study');
  await page.locator('.audit-filter', { hasText: '人员' }).click();
  await page.locator('.audit-entry', { hasText: '解除了王芳的微信绑定' }).locator('.audit-entry__go').click();
  await page.locator('.person-history--study').waitFor({ timeout: T });
  assert.equal((await page.locator('.rp-title', { hasText: '王芳' }).count()) > 0, true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a branch opened from 支部 stays in view on 学习; 全园区学习 shows completion per branch and publishes park-wide', async () => {
  const { page, errors } = await pageAs(app, '周涛', `${ROSTER}?branchId=${app.park.branches.A}`);
  await page.locator('.sec-branch__title', { hasText: '新能源公司党支部' }).waitFor({ timeout: T });
  // 周涛 chose branch A before (kept); now he opens branch B's roster from 支部 and goes to 学习.
  await button(page, '切换支部').click();
  await page.locator('.rp-choice', { hasText: '新能源公司党支部' }).click();
  await page.goto(`${app.emu.baseUrl}/#${ROSTER}?branchId=${app.park.branches.B}`);
  await page.locator('.sec-branch__title', { hasText: '园区联合党支部' }).waitFor({ timeout: T });
  for (const tab of ['学习', '会议']) {
    await page.locator('.rp-subnav__item:visible', { hasText: tab }).click();
    await page.locator('.rp-subnav__item--on:visible', { hasText: tab }).waitFor({ timeout: T });
    assert.equal(await branchInView(page), '园区联合党支部', `${tab} shows another branch`);
  }

  await page.goto(`${app.emu.baseUrl}/#/packages/admin/pages/study/index`);
  await page.locator('.park-study__topic', { hasText: '本月专题：学习党章' }).waitFor({ timeout: T });
  await page.locator('.park-study__branch').first().waitFor({ timeout: T });
  const rows = await page.locator('.park-study__branch .rp-item__name').allInnerTexts();
  assert.deepEqual(rows.sort(), ['园区联合党支部', '新能源公司党支部'].sort());
  await shots(page, 'park-study');
  await button(page, '发布全园区专题').click();
  await page.locator('.topic-form__scope--park.rp-choice--on').waitFor({ timeout: T });
  await shots(page, 'park-study-new');
  assert.deepEqual(errors, []);
  await page.context().close();
});
