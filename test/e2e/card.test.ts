// 亮身份 end to end on the real H5 build in Chromium: a member binds their WeChat with an invite code,
// sees their card, shows the rotating QR code; someone else scans (decodes) it and sees the verified
// public card; the same code a few minutes later, or altered, is rejected.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type LocalApp, button, pageAs, readQr, shot, startLocalApp } from '../support/h5.js';
import { as } from '../support/park.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const SUNLI = { openid: 'o_e2e_sunli', name: '孙丽' };

test('binding with an invite code from the secretary, then the member card on 我的', async () => {
  // 李强 (secretary of 孙丽's branch) makes her a code, as he would on his 邀请码 page.
  const { invites } = await as(app.emu, app.park, '李强').ok('org', 'invites.create', { personIds: [app.park.ids.孙丽] });
  const code = invites[0].code as string;

  const { page, errors } = await pageAs(app, SUNLI);
  await page.getByText('欢迎使用红色园区').waitFor({ timeout: 15_000 });
  await shot(page, 'home-unbound');
  await page.getByText('绑定身份', { exact: true }).click();
  await page.getByText('输入邀请码').waitFor();
  // Binding needs agreement to the privacy notice (test/e2e/privacy.test.ts covers the notice itself).
  await page.getByText('我已阅读并同意', { exact: false }).click();
  // A wrong code first: the function's message is shown and nothing is bound.
  await page.locator('.bind__input input').fill('ZZZZ2222');
  await button(page, '绑定').click();
  await page.getByText('邀请码不正确，请核对后再输入').waitFor();
  await shot(page, 'bind-wrong-code');
  // People paste codes with spaces and in lower case.
  await page.locator('.bind__input input').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
  await page.getByText('已输入 8 / 8 位').waitFor();
  await button(page, '绑定').click();
  await page.getByText('绑定成功').waitFor();
  await shot(page, 'bind-done');
  const stored = (await app.emu.app().database().collection('people').doc(app.park.ids.孙丽).get()).data[0];
  assert.equal(stored.openid, SUNLI.openid);

  await page.getByText('进入“我的”').click();
  await page.locator('.rp-card').waitFor();
  const card = await page.locator('.rp-card').innerText();
  for (const text of ['孙丽', '正式党员', '新能源公司党支部', '测试工业园区', '党龄']) assert.ok(card.includes(text), `card shows ${text}: ${card}`);
  await shot(page, 'mine-card');
  // 首页 now greets her instead of asking her to bind.
  await page.getByText('首页', { exact: true }).click();
  await page.getByText('孙丽，您好').waitFor();
  await shot(page, 'home-member');
  assert.deepEqual(errors, []);
});

test('亮码 shows a QR code that decodes to a signed code; another person verifies it and sees public fields only', async () => {
  const { page, errors } = await pageAs(app, '王芳', '/pages/card-show/index');
  await page.locator('.show__code').waitFor({ timeout: 15_000 });
  await page.getByText(/二维码 \d+ 秒后刷新/).waitFor();
  await shot(page, 'card-show');
  const shown = (await page.locator('.show__code').innerText()).trim();
  const scanned = await readQr(page, '.rp-qr');
  assert.equal(scanned, shown, 'the QR code encodes the code shown below it');

  // 陈静 (群众) scans it. In the H5 demo the scanned text is pasted.
  const other = await pageAs(app, '陈静', '/pages/verify/index');
  await other.page.getByText('本地演示：粘贴身份码').waitFor({ timeout: 15_000 });
  await other.page.locator('.verify__input textarea').fill(scanned!);
  await button(other.page, '验证').click();
  await other.page.getByText('✔ 已验证').waitFor();
  const verified = await other.page.locator('.verify__ok-wrap').innerText();
  for (const text of ['王芳', '正式党员', '新能源公司党支部', '党员先锋岗 · 质检先锋岗', '二号车间']) assert.ok(verified.includes(text), `verified card shows ${text}`);
  assert.ok(!verified.includes('13800000001') && !verified.includes('2010-07-01'), 'no phone, no exact 入党日期');
  await shot(other.page, 'verify-ok');

  // Altered by one character: rejected as not ours.
  // (The replacement is chosen by the character it replaces: choosing it by another one left the code unchanged
  // whenever that character already was the replacement, about one run in 64.)
  const forged = scanned!.slice(0, -2) + (scanned!.at(-2) === 'A' ? 'B' : 'A') + scanned!.slice(-1);
  assert.notEqual(forged, scanned, 'the forged code differs from the real one');
  await other.page.locator('.verify__input textarea').fill(forged);
  await button(other.page, '验证').click();
  await other.page.getByText('这不是有效的身份码').waitFor();
  await shot(other.page, 'verify-forged');

  // Three minutes later the same code has expired (the emulator's clock drives the functions' Date).
  await app.emu.api('POST', '/_emulator/clock', { advance: 3 * 60_000 });
  await other.page.locator('.verify__input textarea').fill(scanned!);
  await button(other.page, '验证').click();
  await other.page.getByText('身份码已过期，请对方刷新后再扫').waitFor();
  await shot(other.page, 'verify-expired');
  assert.deepEqual([...errors, ...other.errors], []);
});
