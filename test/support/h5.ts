// The H5 app in real Chromium against a real emulator in local mode: the product's functions and
// collections, the built dist/h5 on the same origin, the small test park seeded. Pages act as a
// person by choosing them as the local-mode persona, as someone trying the demo would.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { launchBrowser, phonePage, screenshot } from './browser.js';
import { type EmulatorHandle, ROOT, startEmulator } from './emulator.js';
import { PRODUCT, type Persona, type TestPark, seedTestPark } from './park.js';

export const H5 = path.join(ROOT, 'dist/h5');

export interface LocalApp {
  emu: EmulatorHandle;
  park: TestPark;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startLocalApp(): Promise<LocalApp> {
  assert.ok(existsSync(path.join(H5, 'index.html')), 'dist/h5 is missing: npm test builds it (npm run build:h5)');
  const emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--static', H5, '--local'] });
  const park = await seedTestPark(emu);
  const browser = await launchBrowser();
  return {
    emu, park, browser,
    async stop() {
      await browser.close();
      await emu.stop();
    },
  };
}

/** A phone-sized page acting as `openid` (the local-mode persona, kept in storage as services/persona.ts does). */
export async function pageAs(app: LocalApp, who: Persona | { openid: string; name: string }, route = '/pages/index/index'): Promise<{ page: Page; errors: string[] }> {
  const persona = typeof who === 'string'
    ? { openid: app.park.openids[who]!, name: who, label: '' }
    : { openid: who.openid, name: who.name, label: '' };
  assert.ok(persona.openid, `${String(who)} has no openid`);
  const { page, errors } = await phonePage(app.browser);
  await page.addInitScript((p) => {
    // Only on the first load: later navigations keep whatever the page itself chose.
    if (!sessionStorage.getItem('rp-test-init')) {
      sessionStorage.setItem('rp-test-init', '1');
      localStorage.setItem('redpark.persona', JSON.stringify({ data: p }));
    }
  }, persona);
  await page.goto(`${app.emu.baseUrl}/#${route}`);
  return { page, errors };
}

/** Screenshot into test-results/screenshots, named by page. */
export const shot = (page: Page, name: string) => screenshot(page, name);

/** Decode the QR code drawn inside `selector` from a real screenshot of it. */
export async function readQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return found?.data ?? null;
}

/** A Taro <Button> by its exact text (Taro H5 renders taro-button-core, which has no button role). */
export const button = (page: Page, text: string) => page.locator('taro-button-core', { hasText: new RegExp(`^\\s*${text}\\s*$`) });
