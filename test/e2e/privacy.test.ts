// Personal data on the real H5 build, at 390 px in 大字模式: binding shows the privacy notice with an
// unticked 我已阅读并同意 and refuses to bind until it is ticked (saying so); 我的信息 lists what is kept
// about 王芳 — her own phone, her records, 暂无 where there is nothing yet — with no ids and no English, and
// 导出 downloads it as a JSON file; then her secretary records that she left the park on the person
// page, and her phone opens the app unbound; 孙丽 is transferred out of the park on 转接 the same way.
// Screenshots in test-results/screenshots/privacy-*.png.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PRIVACY_TITLE, PRIVACY_VERSION } from '../../shared/privacy.js';
import { giveRecords } from '../integration/privacy/support.js';
import { type LocalApp, button, pageAs, shot, startLocalApp } from '../support/h5.js';
import { as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

/** 大字模式 on (as the switch on 我的 stores it), then the page again. */
async function largeText(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('redpark.largeText', JSON.stringify({ data: true })));
  await page.reload();
}

/** Nothing wider than the 390 px screen (a long word or number would push the page sideways). */
async function assertNoOverflow(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(700); // Taro's page-enter slide: a page coming in is off to the right
  const { scroll, width, wide } = await page.evaluate(() => {
    const w = window.innerWidth;
    const over = (e: Element) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; };
    // The innermost elements that stick out (their parents stick out with them).
    const wide = Array.from(document.querySelectorAll('.rp-page *'))
      .filter((e) => over(e) && !Array.from(e.children).some(over))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className}: ${(e.textContent ?? '').slice(0, 40)}`);
    return { scroll: document.documentElement.scrollWidth, width: w, wide };
  });
  assert.ok(scroll <= width && wide.length === 0, `${what} overflows ${width} px: ${scroll} px wide; ${wide.join(' | ')}`);
}

/** The whole page in one screenshot: the app scrolls inside its page, so the window is made as tall as the content (same width). */
async function tallShot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.rp-page')).map((e) => e.scrollHeight)));
  await page.setViewportSize({ width: 390, height: Math.min(Math.max(844, height + 120), 16_000) });
  await shot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
}

const db = () => app.emu.app().database();

test('binding: the notice, the unticked box, 绑定 says what is missing, then the agreement is stored', async () => {
  const { invites } = await as(app.emu, app.park, '李强').ok('org', 'invites.create', { personIds: [app.park.ids.孙丽] });
  const code = invites[0].code as string;
  const { page, errors } = await pageAs(app, { openid: 'o_e2e_sunli', name: '孙丽' }, '/pages/bind/index');
  await page.getByText('输入邀请码').waitFor({ timeout: 15_000 });
  await largeText(page);
  await page.getByText(PRIVACY_TITLE, { exact: true }).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('.bind__agree--on').count(), 0, 'the box starts unticked');
  await page.getByText(/我们保存：名册信息、微信绑定、积分/).waitFor();
  await assertNoOverflow(page, 'bind page');
  await shot(page, 'privacy-bind-notice');

  // 绑定 without the code, then without the tick: it says what is missing; nothing is stored.
  await button(page, '绑定').click();
  await page.getByText('请先输入完整的 8 位邀请码（已输入 0 位）').waitFor();
  await page.locator('.bind__input input').fill(code);
  await button(page, '绑定').click();
  await page.getByText('请先阅读上面的个人信息保护说明，并勾选“我已阅读并同意”，才能绑定').waitFor();
  await shot(page, 'privacy-bind-not-ticked');
  const before = (await db().collection('people').doc(app.park.ids.孙丽).get()).data[0];
  assert.equal(before.openid, undefined);

  // The whole notice, readable at this size.
  await button(page, '展开阅读全文').click();
  for (const heading of ['我们保存什么、为什么、谁能看到、保存多久', '我们不收集什么', '您可以做什么']) await page.getByText(heading, { exact: true }).waitFor();
  await assertNoOverflow(page, 'bind page with the whole notice');
  await tallShot(page, 'privacy-bind-notice-full');

  await page.getByText(`我已阅读并同意《${PRIVACY_TITLE}》`).click();
  assert.equal(await page.locator('.bind__agree--on').count(), 1);
  await button(page, '绑定').click();
  await page.getByText('绑定成功').waitFor({ timeout: 15_000 });
  await shot(page, 'privacy-bind-done');
  const stored = (await db().collection('people').doc(app.park.ids.孙丽).get()).data[0];
  assert.equal(stored.openid, 'o_e2e_sunli');
  assert.equal(stored.privacyConsent.version, PRIVACY_VERSION);
  assert.ok(stored.privacyConsent.at instanceof Date);
  assert.deepEqual(errors, []);
});

test('我的信息: everything kept about 王芳 in plain Chinese, exported as a file; no ids, no English, no overflow', async () => {
  await giveRecords(app.emu, app.park, '王芳'); // at 2026-11-10 10:00 China time, the emulator's clock
  await app.emu.api('POST', '/_emulator/clock', { set: new Date().toISOString(), freeze: false });
  const { page, errors } = await pageAs(app, '王芳', '/pages/mine/index');
  await page.locator('.mine-data__open').waitFor({ timeout: 15_000 });
  await largeText(page);
  await page.locator('.mine-data__open').click();
  await page.locator('.my-data__section').first().waitFor({ timeout: 15_000 });
  const text = await page.locator('.my-data').innerText();
  for (const expected of ['王芳的信息', '名册信息', '13800000001', '三号车间', '第一党小组', '积分合计', '十一月专题：学习党章', '写得很好，继续保持！',
    '十一月主题党日', '学习提醒', '李强修改了您的名册信息：责任区', '周涛调整了您的职务：任志愿服务组织者', '暂无志愿服务记录', '暂无承诺践诺记录', '暂无三评议记录']) {
    assert.ok(text.includes(expected), `我的信息 shows ${expected}`);
  }
  for (const other of ['13800000002', '13800000003', '13800000008']) assert.ok(!text.includes(other), `another person's phone ${other}`);
  assert.deepEqual(text.match(/[A-Za-z]+/g), null, 'no English and no ids on the page');
  await assertNoOverflow(page, '我的信息');
  await tallShot(page, 'privacy-my-data');

  // 导出: a JSON file with the same content, Chinese keys.
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, '导出我的信息').click()]);
  assert.match(download.suggestedFilename(), /^我的信息-王芳-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  assert.equal(exported.姓名, '王芳');
  assert.equal(exported.名册信息[0].手机号, '13800000001');
  assert.equal(exported.活动签到[0].事项, '十一月主题党日');
  assert.equal(exported.志愿服务, '暂无志愿服务记录');
  assert.equal(exported.三评议, '暂无三评议记录');
  await page.getByText(/已下载文件：我的信息-王芳-/).waitFor();
  await shot(page, 'privacy-my-data-exported');
  assert.deepEqual(errors, []);
});

test('leaving the park on the person page; her WeChat then opens the app unbound', async () => {
  const route = `/packages/secretary/pages/person/index?personId=${app.park.ids.王芳}&branchId=${app.park.branches.A}&name=${encodeURIComponent('王芳')}`;
  const { page, errors } = await pageAs(app, '李强', route);
  await page.locator('.person-leave__open').waitFor({ timeout: 15_000 });
  await largeText(page);
  await page.locator('.person-leave__open').click();
  await page.locator('.person-leave__reason textarea').fill('离职，调往外地工作');
  await page.locator('.person-leave__submit').click();
  await page.getByText('请确认离开园区').waitFor();
  await assertNoOverflow(page, 'the leave confirmation');
  await shot(page, 'privacy-leave-confirm');
  await page.locator('.rp-confirm__ok').click();
  await page.getByText('已办理离开园区').waitFor({ timeout: 15_000 });
  await shot(page, 'privacy-leave-done');
  assert.equal((await db().collection('people').doc(app.park.ids.王芳).get()).data.length, 0);
  assert.equal((await db().collection('people_left').doc(app.park.ids.王芳).get()).data[0].name, '王芳');

  const her = await pageAs(app, '王芳', '/pages/mine/index');
  await her.page.getByText('还没有绑定身份').waitFor({ timeout: 15_000 });
  await shot(her.page, 'privacy-left-unbound');
  assert.deepEqual([...errors, ...her.errors], []);
});

test('转接 out of the park: 孙丽 goes to an organisation elsewhere and leaves the park the same way', async () => {
  const { page, errors } = await pageAs(app, '李强', '/packages/secretary/pages/transfer/index');
  await page.locator('.rp-person__option', { hasText: '孙丽' }).click({ timeout: 15_000 });
  await page.locator('.transfer-outside').click();
  await page.locator('.transfer-organization input').fill('兰州新区某公司党支部');
  await page.locator('.transfer-reason textarea').fill('工作调动');
  await page.locator('.transfer-submit').click();
  await page.getByText('请确认转接').waitFor();
  await page.getByText(/手机号和微信绑定立即删除/).waitFor();
  await assertNoOverflow(page, 'the transfer-out confirmation');
  await shot(page, 'privacy-transfer-out-confirm');
  await page.locator('.rp-confirm__ok').click();
  await page.getByText('孙丽已转出园区，转到“兰州新区某公司党支部”；TA 的手机号和微信绑定已删除。').waitFor({ timeout: 15_000 });
  await page.locator('.transfer-item', { hasText: '园区外：兰州新区某公司党支部' }).waitFor({ timeout: 15_000 });
  await tallShot(page, 'privacy-transfer-out-done');
  const left = (await db().collection('people_left').doc(app.park.ids.孙丽).get()).data[0];
  assert.deepEqual([left.left.kind, left.left.to], ['transferredOut', '兰州新区某公司党支部']);
  const she = await pageAs(app, { openid: 'o_e2e_sunli', name: '孙丽' }, '/pages/mine/index');
  await she.page.getByText('还没有绑定身份').waitFor({ timeout: 15_000 });
  assert.deepEqual([...errors, ...she.errors], []);
});
