// The park's display screen end to end on the real H5 build with the demo park that `npm start` loads (issue 19):
// 魏国庆 (园区党委) makes a link under 园区管理 · 大屏 at 390 px (normal and 大字模式), a TV's browser (1920×1080, no
// persona, no WeChat) opens it and shows the month's 流动红旗, the ranking, the coming 主题党日 and volunteer
// activities, kept pledges and volunteer hours with no phone number; he revokes it and the screen, at its next
// refresh, says calmly that the link is no longer in use. Screenshots: display-keys*.png, display-screen*.png.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startEmulator } from '../support/emulator.js';
import { H5, type LocalApp, button, pageAs } from '../support/h5.js';
import { PRODUCT, type TestPark } from '../support/park.js';
import { shots } from '../support/wheel.js';
import { settle, stateProblems } from '../support/page-checks.js';
import { loadDemoPark } from '../support/demo.js';

const ADMIN = { openid: 'o_demo_admin', name: '魏国庆' };
const T = 20_000;
let app: LocalApp;


beforeAll(async () => {
  assert.ok(existsSync(path.join(H5, 'index.html')), 'dist/h5 is missing: npm test builds it (npm run build:h5)');
  const emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--static', H5, '--local'] });
  await loadDemoPark(emu);
  const browser: Browser = await launchBrowser();
  app = {
    emu, browser, park: null as unknown as TestPark,
    async stop() {
      await browser.close();
      await emu.stop();
    },
  };
}, 600_000);
afterAll(async () => {
  await app?.stop();
});

/** A TV: 1920×1080, no persona chosen, nothing but the link. */
async function tv(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

test('the park admin makes a link, the TV shows the park, the link is revoked and the TV says so calmly', async () => {
  // 园区管理 → 大屏: two taps from 首页.
  const { page: admin, errors: adminErrors } = await pageAs(app, ADMIN);
  await admin.locator('taro-button-core', { hasText: '园区管理' }).click();
  await admin.locator('.rp-subnav__item', { hasText: '大屏' }).click();
  await admin.locator('.dk-new').waitFor({ timeout: T });
  await admin.getByText('还没有大屏链接').waitFor({ timeout: T });
  await admin.locator('.dk-new__label input').fill('党群服务中心大屏');
  await button(admin, '生成链接').click();
  const created = admin.locator('.dk-created__url');
  await created.waitFor({ timeout: T });
  const url = (await created.innerText()).trim();
  assert.match(url, /#\/packages\/display\/pages\/screen\/index\?key=[A-Za-z0-9_-]{43}$/);
  await admin.locator('.dk-key[data-label="党群服务中心大屏"]', { hasText: '使用中' }).waitFor({ timeout: T });
  await shots(admin, 'display-keys-created');

  // The TV.
  const { page: screen, errors: screenErrors } = await tv(url);
  await screen.locator('.ds-flag').waitFor({ timeout: T });
  const text = await screen.locator('.ds').innerText();
  assert.match(text, /流动红旗/);
  assert.match(text, /本月支部排行/);
  assert.match(text, /近期主题党日与党课[\s\S]*主题党日/);
  assert.match(text, /志愿服务活动[\s\S]*敬老院/);
  assert.match(text, /承诺践诺[\s\S]*项承诺已兑现/);
  assert.match(text, /志愿服务时长[\s\S]*小时/);
  assert.match(text, /党群服务中心大屏/);
  assert.doesNotMatch(text, /1[3-9]\d{9}/);
  assert.doesNotMatch(text, /[A-Za-z]{2,}/, 'no English or ids on the screen');
  // Fits the TV: nothing scrolls, nothing is wider or taller than 1920×1080.
  const size = await screen.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  assert.ok(size.w <= 1920 && size.h <= 1080, `the screen is ${size.w}×${size.h}`);
  // No list shows half an item: what does not fit wraps out of sight.
  const cut = await screen.evaluate(() => Array.from(document.querySelectorAll('.ds-list')).flatMap((list) => {
    const box = list.getBoundingClientRect();
    return Array.from(list.children).filter((item) => {
      const r = item.getBoundingClientRect();
      return r.left < box.right && r.bottom > box.bottom + 1;
    }).map((item) => (item.textContent ?? '').slice(0, 20));
  }));
  assert.deepEqual(cut, []);
  await screenshot(screen, 'display-screen');

  // Revoked under 园区管理 · 大屏.
  await admin.locator('.dk-key__revoke').click();
  await admin.locator('.rp-confirm', { hasText: '停用「党群服务中心大屏」' }).waitFor({ timeout: T });
  await admin.locator('.rp-confirm__ok').click();
  await admin.locator('.dk-key[data-label="党群服务中心大屏"]', { hasText: '已停用' }).waitFor({ timeout: T });
  await shots(admin, 'display-keys-revoked');

  // The TV finds out at its next refresh (every minute), without anyone touching it.
  await screen.locator('.ds-calm--refused').waitFor({ timeout: 75_000 });
  assert.match(await screen.locator('.ds').innerText(), /此大屏链接已停用，请联系园区管理员/);
  assert.doesNotMatch(await screen.locator('.ds').innerText(), /出错了|重试|系统繁忙/);
  await screenshot(screen, 'display-screen-revoked');
  assert.deepEqual(screenErrors, []);
  assert.deepEqual(adminErrors, []);
}, 240_000);

test('opened on a phone without a key (as every-page opens it): the calm sentence, nothing wider than the phone', async () => {
  const { page, errors } = await pageAs(app, ADMIN, '/packages/display/pages/screen/index');
  await settle(page);
  assert.deepEqual(await stateProblems(page), []);
  assert.match(await page.locator('.ds').innerText(), /此大屏链接已停用，请联系园区管理员/);
  await shots(page, 'display-screen-phone');
  assert.deepEqual(errors, []);
}, 60_000);
