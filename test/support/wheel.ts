// Helpers for the e2e tests on the H5 build: choosing on Taro's picker wheels as a finger does, and a
// page's screenshots at 390 px in normal and large text, failing when anything is wider than the phone.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { shot } from './h5.js';

const T = 15_000;

/**
 * The whole page at 390 px wide: Taro's H5 page scrolls inside its own container, so the window is made
 * as tall as the content for the shot, then put back.
 */
export async function fullShot(page: Page, name: string): Promise<void> {
  const tall = await page.evaluate(() =>
    Math.max(window.innerHeight, ...Array.from(document.querySelectorAll('.taro_page, .taro-tabbar__panel, .rp-page')).map((e) => (e as HTMLElement).scrollHeight)),
  );
  await page.setViewportSize({ width: 390, height: Math.min(tall + 120, 8000) });
  await shot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
}

/**
 * A screenshot at 390 px, then the same page in 大字模式 (the `rp-large` class PageShell puts on the page
 * root when it is on; set here on the page as it stands, so a half-filled form keeps what was typed).
 * Neither may be wider than the phone.
 */
export async function shots(page: Page, name: string): Promise<void> {
  const overflow = () => page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.rp-page *')).map((e) => e.getBoundingClientRect().right)) - window.innerWidth);
  await fullShot(page, name);
  assert.ok((await overflow()) <= 1, `${name} has something wider than the screen`);
  // (Taro's H5 router keeps the pages below the current one in the document, hidden: mark them all.)
  await page.evaluate(() => document.querySelectorAll('.rp-page').forEach((p) => p.classList.add('rp-large')));
  await fullShot(page, `${name}-large`);
  assert.ok((await overflow()) <= 1, `${name} in 大字模式 has something wider than the screen`);
  await page.evaluate(() => document.querySelectorAll('.rp-page').forEach((p) => p.classList.remove('rp-large')));
}

/**
 * Choose a value on Taro's H5 picker (the wheel opened by tapping `face`): for each column the item's
 * text ("2026年", "12月", "05日"; "09", "30"), by dragging the column as a finger would (mouse events on
 * the column: Taro's picker follows them), then 确定.
 */
export async function pickOnWheel(page: Page, face: Locator, columns: string[]): Promise<void> {
  await face.click();
  // The wheel is appended to <body>; the open one is the overlay not hidden (it has no box of its own).
  const overlay = page.locator('.weui-picker__overlay:not([style*="none"])');
  await overlay.locator('.weui-picker').waitFor({ timeout: T });
  const groups = overlay.locator('taro-picker-group');
  for (const [i, text] of columns.entries()) {
    const moved = await groups.nth(i).evaluate((el, want) => {
      const items = Array.from(el.querySelectorAll('.weui-picker__item')).map((x) => x.textContent);
      // The time columns repeat a few items at each end (for the endless wheel): take the real one.
      const pad = items.length === 32 || items.length === 68 ? 4 : 0;
      const target = items.findIndex((t, k) => t === want && k >= pad && k < items.length - pad);
      if (target < 0) return `no ${want} in ${items.slice(0, 8).join(',')}…`;
      const m = /translate3d\(0(?:px)?, (-?[\d.]+)px/.exec((el.querySelector('.weui-picker__content') as HTMLElement).style.transform);
      const height = Number(m?.[1] ?? 0);
      const current = Math.round((102 - height) / 34);
      const dy = (current - target) * 34;
      if (dy === 0) return 'same';
      const fire = (type: string, y: number) => el.dispatchEvent(new MouseEvent(type, { clientY: y, bubbles: true }));
      fire('mousedown', 300);
      fire('mousemove', 300 + dy);
      return `moved ${dy}`;
    }, text);
    assert.ok(moved.startsWith('moved') || moved === 'same', `picker column ${i}: ${moved}`);
    if (moved.startsWith('moved')) {
      // The wheel follows the finger once the picker has re-rendered; then the finger lifts.
      await page.waitForTimeout(200);
      const dy = Number(moved.slice(6));
      await groups.nth(i).evaluate((el, y) => el.dispatchEvent(new MouseEvent('mouseup', { clientY: y, bubbles: true })), 300 + dy);
    }
    await page.waitForTimeout(400);
  }
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
  await overlay.waitFor({ state: 'detached', timeout: T });
}

