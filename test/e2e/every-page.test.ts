// A screenshot of every page of the app (test-results/screenshots/page-*.png), each opened as a person
// who may use it, on the real H5 build: no page may throw, show the generic failure message, or stay
// on a spinner. The page list comes from the weapp build's app.json, so a new page cannot be missed.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';
import { as, type Persona } from '../support/park.js';
import { chinaPeriods } from '../../shared/periods.js';

let app: LocalApp;
let topicId = '';
beforeAll(async () => {
  app = await startLocalApp();
  // A study topic for the pages that show one (opened from lists with ?topicId=).
  const month = chinaPeriods(new Date()).month;
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const { topic } = await as(app.emu, app.park, '李强').ok('study', 'topics.create', {
    scope: 'branch', branchId: app.park.branches.A, month, title: '本月专题', deadline: `${month}-${lastDay}`,
    materials: [{ kind: 'paragraph', text: '学习材料' }], noteMinLength: 10,
    quiz: { questions: [{ text: '题目', kind: 'single', choices: ['甲', '乙'], answer: [0] }], passMark: 1, maxAttempts: 2 },
  });
  topicId = topic.id;
});
afterAll(async () => {
  await app?.stop();
});

interface AppJson { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> }

function allPages(): string[] {
  // The weapp build (made first by npm test) lists every page; persona exists only in the H5 build.
  const json = JSON.parse(readFileSync(path.join(ROOT, 'dist/weapp/app.json'), 'utf8')) as AppJson;
  const subs = (json.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`));
  return [...json.pages, ...subs, 'pages/persona/index'];
}

/** Who opens a page: the area's own role, else a member. */
function visitor(page: string): Persona {
  if (page.startsWith('packages/secretary/')) return '李强';
  if (page.startsWith('packages/admin/')) return '周涛';
  return '王芳';
}

/** Pages opened from a list get the item they show in their query (as 名册 opens 修改人员信息). */
function query(page: string): string {
  const topic = `?topicId=${topicId}&branchId=${app.park.branches.A}`;
  if (/^packages\/(study|secretary)\/pages\/(topic|quiz|progress|notes)\/index$/.test(page)) return topic;
  if (page === 'packages/secretary/pages/person/index') return `?personId=${app.park.ids.王芳}&branchId=${app.park.branches.A}&name=${encodeURIComponent('王芳')}`;
  return '';
}

test('every page renders for a person who may use it, and is saved as a screenshot', async () => {
  const pages = allPages();
  assert.ok(pages.length >= 8, `pages: ${pages.join(', ')}`);
  for (const route of pages) {
    const who = visitor(route);
    const { page, errors } = await pageAs(app, who, `/${route}${query(route)}`);
    await page.locator('.rp-page').first().waitFor({ timeout: 15_000 });
    // Loading states end (or the page has none).
    await page.waitForFunction(() => !document.querySelector('.rp-state__spinner'), undefined, { timeout: 15_000 }).catch(() => undefined);
    const file = await shot(page, `page-${route.replace(/\/index$/, '').replace(/\//g, '-')}`);
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('系统繁忙') && (await page.locator('.rp-state--error').count()) === 0, `${route} as ${who} shows an error: ${text.slice(0, 300)}`);
    assert.equal(await page.locator('.rp-state__spinner').count(), 0, `${route} as ${who} is still loading`);
    assert.deepEqual(errors, [], `${route} as ${who}: page errors`);
    assert.ok(file.endsWith('.png'));
    await page.context().close();
  }
});
