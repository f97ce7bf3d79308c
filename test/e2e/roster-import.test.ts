// 导入名册 end to end on the real H5 build: the secretary picks a file with bad rows and sees every one
// of them named (nothing imported); then a good Excel file is checked, confirmed and imported, and the
// new people are on the branch's roster.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/emulator.js';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/roster');
let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

async function branchPeople(): Promise<string[]> {
  const { data } = await app.emu.app().database().collection('people').where({ branchId: app.park.branches.A }).limit(1000).get();
  return (data as Array<{ name: string }>).map((p) => p.name).sort();
}

/** Tap the pick button and give the browser's file chooser this file (what a person does in the dialog). */
async function pickFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.import-pick').click()]);
  await chooser.setFiles(path.join(FIXTURES, file));
}

test('a roster with bad rows: every bad row is named with its column and reason, and nobody is imported', async () => {
  const before = await branchPeople();
  const { page, errors } = await pageAs(app, '李强', '/packages/secretary/pages/import/index');
  await page.locator('.import-pick').waitFor({ timeout: 15_000 });
  await shot(page, 'import-start');
  await pickFile(page, 'roster-with-errors.csv');
  await page.locator('.import-report').waitFor({ timeout: 15_000 });
  const problems = await page.locator('.import-problem').allInnerTexts();
  const rows = new Set(problems.map((t) => Number(/第 (\d+) 行/.exec(t)?.[1])));
  // Rows 3–13 of the file are wrong in one way each (test/fixtures/roster: scripts/make-roster-fixtures.ts).
  for (let r = 3; r <= 13; r++) assert.ok(rows.has(r), `row ${r} is named in the report: ${problems.join(' | ')}`);
  assert.ok(problems.some((t) => /手机号/.test(t) && /11 位/.test(t)), 'the short phone number is explained');
  assert.ok(problems.some((t) => /转正日期/.test(t) && /预备党员还没有转正/.test(t)), 'the probationary member’s 转正日期 is explained');
  assert.match(await page.locator('.import-report').innerText(), /没有导入任何人/);
  await shot(page, 'import-report');
  assert.deepEqual(await branchPeople(), before, 'nothing was written');
  assert.deepEqual(errors, []);
});

test('a good Excel roster is checked, confirmed and imported; the people are on the roster', async () => {
  const before = await branchPeople();
  const { page, errors } = await pageAs(app, '李强', '/packages/secretary/pages/import/index');
  await page.locator('.import-pick').waitFor({ timeout: 15_000 });
  await pickFile(page, 'roster.xlsx');
  await page.getByText('8 人可以导入').waitFor({ timeout: 15_000 });
  assert.deepEqual(await branchPeople(), before, 'the check alone writes nothing');
  await shot(page, 'import-ready');
  await page.locator('.import-confirm').click();
  await page.getByText('已导入 8 人').waitFor({ timeout: 15_000 });
  await shot(page, 'import-done');
  const after = await branchPeople();
  assert.equal(after.length, before.length + 8);
  for (const name of ['马建国', '杨秀英', '高文华']) assert.ok(after.includes(name), `${name} imported`);

  await page.locator('.import-to-roster').click();
  await page.getByText('马建国').first().waitFor({ timeout: 15_000 });
  await shot(page, 'roster-after-import');
  assert.deepEqual(errors, []);
});
