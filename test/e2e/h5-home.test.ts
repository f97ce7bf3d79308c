// The real H5 build, served by the emulator (local mode, product functions) on the same origin, in real Chromium.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot } from '../support/browser.js';
import { type EmulatorHandle, ROOT, startEmulator } from '../support/emulator.js';
import { PRODUCT } from '../support/park.js';
import { chinaDateString } from '../../shared/time.js';

const H5 = path.join(ROOT, 'dist/h5');
let emu: EmulatorHandle;
let browser: Browser;

beforeAll(async () => {
  assert.ok(existsSync(path.join(H5, 'index.html')), 'dist/h5 is missing: npm test builds it (npm run build:h5)');
  emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--static', H5, '--local'] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await emu?.stop();
});

test('with no identity chosen, the H5 app asks for a demo persona; an unbound WeChat user is asked to bind', async () => {
  const { page, errors } = await phonePage(browser);
  await page.goto(`${emu.baseUrl}/`);
  await page.getByText('红色园区 · 本地演示').waitFor({ timeout: 15_000 });
  assert.match(page.url(), /#\/pages\/persona\/index/);
  await page.locator('.persona__input input').fill('o_nobody_here');
  await page.getByText('使用这个 openid').click();
  await page.getByText('欢迎使用红色园区').waitFor({ timeout: 15_000 });
  assert.match(page.url(), /#\/pages\/index\/index/);
  await page.getByText(`今天（北京时间）：${chinaDateString(new Date())}`).waitFor();
  assert.ok(existsSync(await screenshot(page, 'home-unbound')));
  assert.deepEqual(errors, []);
});
