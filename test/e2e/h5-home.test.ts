// The real H5 build, served by the emulator on the same origin, in real Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot } from '../support/browser.js';
import { type EmulatorHandle, ROOT, startEmulator } from '../support/emulator.js';
import { chinaDateString } from '../../shared/time.js';

const H5 = path.join(ROOT, 'dist/h5');
let emu: EmulatorHandle;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(path.join(H5, 'index.html')), 'dist/h5 is missing: npm test builds it (npm run build:h5)');
  emu = await startEmulator({ args: ['--static', H5] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await emu?.stop();
});

test('the H5 home page renders in Chinese with the China date from shared/', async () => {
  const { page, errors } = await phonePage(browser);
  await page.goto(`${emu.baseUrl}/`);
  await page.getByText('红色园区 Redpark').waitFor({ timeout: 15_000 });
  assert.equal(await page.title(), '首页');
  assert.match(page.url(), /#\/pages\/index\/index/);
  await page.getByText(`今天（北京时间）：${chinaDateString(new Date())}`).waitFor();
  const file = await screenshot(page, 'home');
  assert.ok(existsSync(file));
  assert.deepEqual(errors, []);
});
