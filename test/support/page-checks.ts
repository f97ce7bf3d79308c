// What every e2e page check asks of a page on the H5 build, in one place (every-page, personas, volunteer):
// it finished loading, shows no error state, nothing is wider than the 390-px phone, no short label wraps
// in the middle ("切/换", "2026年11/月"), and no English or id reaches the person; and the screenshots at
// normal size and in 大字模式.
import type { Page } from 'playwright-core';
import { shot } from './h5.js';

/** The page root is there and the loading spinners are gone (or the page has none). */
export async function settle(page: Page, timeout = 15_000): Promise<void> {
  // (Taro's H5 router keeps the pages below the current one, and the other tabs, in the document, hidden.)
  await page.locator('.rp-page:visible').first().waitFor({ timeout });
  await page
    .waitForFunction(() => !Array.from(document.querySelectorAll('.rp-page .rp-state__spinner')).some((s) => s.getClientRects().length > 0), undefined, { timeout })
    .catch(() => undefined);
}

/** The text the person sees on the current page (Taro's H5 router keeps hidden pages below it in the document). */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.rp-page')).filter((p) => (p as HTMLElement).offsetParent !== null || p.getClientRects().length > 0);
    return shown.map((p) => (p as HTMLElement).innerText).join('\n');
  });
}

/** An error state, the generic failure message, or a spinner still turning: each one named. */
export async function stateProblems(page: Page): Promise<string[]> {
  const text = await visibleText(page);
  const out: string[] = [];
  if (text.includes('系统繁忙') || text.includes('出错了')) out.push(`an error: ${text.slice(0, 200)}`);
  if ((await page.locator('.rp-state--error:visible').count()) > 0) out.push('an error state');
  if ((await page.locator('.rp-state__spinner:visible').count()) > 0) out.push('still loading');
  return out;
}

/** How far the widest element of the visible page reaches past the screen's right edge (px; ≤ 0 is fine). */
export function overflowPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rights = Array.from(document.querySelectorAll('.rp-page *'))
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.right);
    return Math.max(0, ...rights) - window.innerWidth;
  });
}

/** Short labels (≤ 10 characters) that the layout broke over two lines: a heading cut mid-word. */
export function wrappedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('.rp-page *'))) {
      if (el.children.length > 0) continue;
      const text = (el.textContent ?? '').trim();
      if (!text || text.length > 10) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) bad.push(text);
    }
    return bad;
  });
}

/** Latin letters on the page: English words, or an id (ids are hex or named `person-1`, `branch-a`…). */
export function latinIn(text: string): string[] {
  return text.match(/[A-Za-z]+/g) ?? [];
}

/**
 * The whole page at 390 px wide: Taro's H5 page scrolls inside its own container, so the window is made
 * as tall as the content for the shot, then put back.
 */
export async function fullShot(page: Page, name: string): Promise<string> {
  const tall = await page.evaluate(() =>
    Math.max(window.innerHeight, ...Array.from(document.querySelectorAll('.taro_page, .taro-tabbar__panel, .rp-page')).map((e) => (e as HTMLElement).scrollHeight)),
  );
  await page.setViewportSize({ width: 390, height: Math.min(tall + 120, 8000) });
  const file = await shot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  return file;
}

/**
 * A screenshot at 390 px, then the same page in 大字模式 (the `rp-large` class PageShell puts on the page
 * root when it is on; set here on the page as it stands, so a half-filled form keeps what was typed).
 * Returns what is wrong at either size: something wider than the phone, a short label wrapped.
 */
export async function shotsBothSizes(page: Page, name: string): Promise<string[]> {
  const out: string[] = [];
  const check = async (size: string) => {
    const over = await overflowPx(page);
    if (over > 1) out.push(`${name}${size}: ${Math.round(over)} px wider than the screen`);
    const wrapped = await wrappedLabels(page);
    if (wrapped.length) out.push(`${name}${size}: labels wrapped mid-word: ${wrapped.join(' | ')}`);
  };
  await fullShot(page, name);
  await check('');
  // (Taro's H5 router keeps the pages below the current one in the document, hidden: mark them all.)
  await page.evaluate(() => document.querySelectorAll('.rp-page').forEach((p) => p.classList.add('rp-large')));
  await fullShot(page, `${name}-large`);
  await check(' in 大字模式');
  await page.evaluate(() => document.querySelectorAll('.rp-page').forEach((p) => p.classList.remove('rp-large')));
  return out;
}
