// 转正 on the secretary's person page, in Chromium: the 转正日期 field appears only for a full member, chosen
// on the date wheel (never typed; the wheel ends today, and the function refuses a later date); left empty
// it records today (China time), and the member's card then shows 党龄 0; a corrected date is stored.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaDateString } from '../../shared/time.js';
import { type LocalApp, pageAs, startLocalApp } from '../support/h5.js';
import { pickOnWheel, shots } from '../support/wheel.js';
import { as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

test('a secretary records 赵敏\'s 转正: today by default, then the real date', async () => {
  const zhaoId = app.park.ids.赵敏!;
  const route = `/packages/secretary/pages/person/index?personId=${zhaoId}&branchId=${app.park.branches.A}&name=${encodeURIComponent('赵敏')}`;
  const { page: p, errors } = await pageAs(app, '李强', route);
  await p.locator('.person-form').waitFor({ timeout: 15_000 });
  assert.equal(await p.locator('.person-full-member').count(), 0, 'no 转正日期 for a probationary member');
  await p.locator('.person-type--full').click();
  const field = p.locator('.person-full-member');
  await field.waitFor({ timeout: 15_000 });
  // Chosen on the wheel, never typed; nothing chosen yet reads 今天 (what saving records).
  assert.equal(await p.locator('.person-full-member taro-input-core, .person-joined taro-input-core').count(), 0, 'no date is typed');
  assert.match(await field.innerText(), /今天/);
  const db = app.emu.app().database();
  const stored = async () => (await db.collection('people').doc(zhaoId).get()).data[0];
  assert.equal((await stored()).memberType, 'probationary');

  // Left empty: 转正 today (China time); the card shows 党龄 0.
  await p.locator('.person-save').click();
  await p.locator('.person-saved').waitFor({ timeout: 15_000 });
  const today = chinaDateString(new Date());
  assert.deepEqual([(await stored()).memberType, (await stored()).fullMemberOn], ['full', today]);
  assert.equal((await as(app.emu, app.park, '赵敏').ok('user', 'card')).partyYears, 0);
  assert.match(await field.innerText(), new RegExp(`${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`), 'the form shows what was recorded');
  await shots(p, 'person-full-member');

  // The real 转正 date (not before her 入党日期 2026-03-01), on the wheel.
  await pickOnWheel(p, field, ['2026年', '03月', '01日']);
  assert.match(await field.innerText(), /2026年3月1日/);
  await p.locator('.person-save').click();
  await p.locator('.person-saved').waitFor({ timeout: 15_000 });
  assert.equal((await stored()).fullMemberOn, '2026-03-01');
  assert.deepEqual(errors, []);
});
