// Draws the tab bar icons (首页 学习 志愿 我的) as 81×81 PNGs in miniapp/src/assets/tab/, grey and red
// (selected), from the small SVGs below, in Debian's Chromium. The PNGs are committed; run again only
// to change an icon: npx tsx scripts/make-tab-icons.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/support/browser';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../miniapp/src/assets/tab');
const COLORS = { '': '#7a7a7a', '-active': '#c8102e' };

// 24×24 stroke icons, drawn for this app.
const ICONS: Record<string, string> = {
  home: '<path d="M3 11 12 3l9 8"/><path d="M5 10v10h5v-6h4v6h5V10"/>',
  study: '<path d="M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3z"/><path d="M21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z"/>',
  volunteer: '<path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"/>',
  mine: '<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>',
};

const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    writeFileSync(path.join(OUT, `${name}${suffix}.png`), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } }));
  }
}
await browser.close();
console.log(`[tab-icons] wrote ${Object.keys(ICONS).length * 2} icons to ${OUT}`);
