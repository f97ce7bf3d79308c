// Helpers for the e2e tests on the H5 build: choosing on Taro's picker wheels as a finger does, and a
// page's screenshots at 390 px in normal and large text (the checks of page-checks.ts), failing on what they find.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { shotsBothSizes } from './page-checks.js';

const T = 15_000;

export { fullShot } from './page-checks.js';

/** A screenshot at 390 px and in 大字模式 (test/support/page-checks.ts); neither wider than the phone nor a short label cut mid-word. */
export async function shots(page: Page, name: string): Promise<void> {
  assert.deepEqual(await shotsBothSizes(page, name), [], name);
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

