// 志愿服务记录 end to end on the real H5 build (issue 15): 王芳 has confirmed hours (a shift on 21 November)
// and, on the pages, make-up hours that 刘洋 enters on 补录时长 and 周涛 (a second person; 刘洋's own 志愿待办
// never offers him the approval) approves; the park admin lowers the first star and adds a holiday (the window
// moves a day) on 园区管理 · 志愿; 王芳 reads
// 我的志愿记录 (stars, 信用时数 and 补录时数 apart, per year), rates the activity, and asks for a certificate
// for 2026; 刘洋 issues it on 志愿待办; 王芳 makes the image and downloads it (the PNG's QR decoded with
// jsQR: a link to the public 查验 page); someone not bound opens the link: valid, 王*, the hours. Then 王芳 questions the
// confirmed record, 刘洋 accepts a lower figure, the certificate is revoked by itself, and the 查验 page says
// so with the reason; 证明管理 lists it as 已撤销. Every new page is saved at 390 px and in 大字模式, and the
// downloaded image as volunteer-record-certificate-image.png.
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import path from 'node:path';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';
import { fullShot, pickOnWheel as pick, shots } from '../support/wheel.js';
import { SCREENSHOTS } from '../support/browser.js';
import { as } from '../support/park.js';
import { chinaClock, confirmedShift, createActivity } from '../integration/volunteer/support.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const T = 15_000;
const stored = async (collection: string, where: object) => (await app.emu.app().database().collection(collection).where(where).get()).data as any[];

const open = (page: Page, route: string) => page.goto(`${app.emu.baseUrl}/#${route}`);

test('confirmed and make-up hours, a certificate issued, downloaded, verified by someone else, revoked by a correction', async () => {
  const errors: string[][] = [];
  const liu = as(app.emu, app.park, '刘洋');
  // 21 November: 王芳 and 陈静 serve 09:00–11:00, confirmed (2 hours each).
  const first = await confirmedShift(app.emu, liu, [as(app.emu, app.park, '王芳'), as(app.emu, app.park, '陈静')], '2026-11-21');
  // 22 November: 陈静 serves; 王芳 came without her phone (a make-up, on the pages below).
  await confirmedShift(app.emu, liu, [as(app.emu, app.park, '陈静')], '2026-11-22', { title: '敬老院志愿服务', place: '园区敬老院' });
  // 23 November: a shift 陈静 signed in to that nobody confirmed yet (志愿待办 shows the window).
  await chinaClock(app.emu, '2026-11-22 12:00');
  const third = await createActivity(liu, { title: '文明交通引导', recruitFrom: '2026-11-22 09:00', recruitUntil: '2026-11-22 20:00', shifts: [{ start: '2026-11-23 09:00', end: '2026-11-23 11:00', capacity: 5, role: null }] });
  await as(app.emu, app.park, '陈静').ok('volunteer', 'signUp', { shiftId: third.shifts[0] });
  await chinaClock(app.emu, '2026-11-24 10:00'); // Tuesday

  // 1. 刘洋 enters 1.5 make-up hours for 王芳 on 补录时长, from 组织活动.
  const org = await pageAs(app, '刘洋', '/packages/organizer/pages/activities/index');
  errors.push(org.errors);
  const o = org.page;
  await o.locator('.og-makeup').click();
  await o.locator('.mk-activity', { hasText: '敬老院志愿服务' }).click();
  await o.locator('.mk-name input').fill('王芳');
  await o.locator('.mk-find').click();
  await o.locator('.mk-person', { hasText: '王芳' }).waitFor({ timeout: T });
  await o.locator('.mk-hours input').fill('3');
  await o.locator('.mk-reason textarea').fill('手机没电，未能扫码签到');
  await o.locator('.mk-evidence textarea').fill('纸质签到表第 5 行，负责人刘洋签字');
  await o.locator('.mk-send').click();
  await o.locator('.rp-error-text', { hasText: '共 2 小时' }).waitFor({ timeout: T }); // longer than the activity
  await shots(o, 'volunteer-record-makeup-problem');
  await o.locator('.mk-hours input').fill('1.5');
  await o.locator('.mk-send').click();
  await o.locator('.mk-done', { hasText: '需要另一位负责人' }).waitFor({ timeout: T });
  const [makeup] = await stored('volunteer_makeups', { personId: app.park.ids.王芳 });
  assert.deepEqual([makeup.status, makeup.hours, makeup.evidence], ['pending', 1.5, '纸质签到表第 5 行，负责人刘洋签字']);
  // His own 志愿待办: the finished shift with its working days left; his make-up not offered to him.
  await o.locator('.mk-done .rp-btn').click();
  await o.locator('.td-shift').first().waitFor({ timeout: T });
  assert.match(await o.locator(`.td-shift[data-shift-id="${third.shifts[0]}"]`).innerText(), /文明交通引导[\s\S]*还剩 9 个工作日（最晚 12月7日）/);
  assert.equal(await o.locator('.td-makeup__approve').count(), 0, 'who entered the hours is not offered the approval');
  await shots(o, 'volunteer-record-todo');

  // 2. 周涛 (park admin) approves it on his 志愿待办, and lowers the first star to 3 hours on 园区管理 · 志愿.
  const zhou = await pageAs(app, '周涛', '/pages/volunteer/index');
  errors.push(zhou.errors);
  const z = zhou.page;
  await z.locator('.vol-todo').click();
  const m = z.locator(`.td-makeup[data-makeup-id="${makeup._id}"]`);
  await m.waitFor({ timeout: T });
  assert.match(await m.innerText(), /王芳[\s\S]*补录 1.5 小时[\s\S]*纸质签到表第 5 行[\s\S]*录入：刘洋/);
  await m.locator('.td-makeup__note input').fill('已核对签到表');
  await m.locator('.td-makeup__approve').click();
  await z.locator('.td-outcome', { hasText: '已通过：王芳 补录 1.5 小时' }).waitFor({ timeout: T });
  assert.equal((await stored('volunteer_makeups', { _id: makeup._id }))[0].status, 'approved');
  await open(z, '/packages/admin/pages/volunteer-settings/index');
  await z.locator('.vs-stars__input-1 input').waitFor({ timeout: T });
  assert.equal(await z.locator('.vs-stars__input-1 input').inputValue(), '100');
  await z.locator('.vs-stars__input-1 input').fill('3');
  await z.locator('.vs-fed-person input').fill('赵红');
  await z.locator('.vs-fed-handler input').fill('钱亮');
  await z.locator('.vs-fed-phone input').fill('0937-6201234');
  // A public holiday on Tuesday 1 December (the calendar of the 10-working-day window).
  await pick(z, z.locator('.vs-holidays .vs-day__add'), ['2026年', '12月', '01日']);
  await z.locator('.vs-holidays .vs-day__text', { hasText: '2026年12月1日 周二' }).waitFor({ timeout: T });
  await z.locator('.vs-save').click();
  await z.locator('.vs-saved').waitFor({ timeout: T });
  const [settings] = await stored('volunteer_settings', {});
  assert.deepEqual([settings.stars, settings.federation.handler, settings.holidays], [[3, 300, 600, 1000, 1500], '钱亮', ['2026-12-01']]);
  await shots(z, 'volunteer-record-settings');

  // 3. 王芳: 我的志愿记录 from the 志愿 tab — 1 star, 信用 2 and 补录 1.5 apart; she rates the activity.
  const wang = await pageAs(app, '王芳', '/pages/volunteer/index');
  errors.push(wang.errors);
  const w = wang.page;
  await w.locator('.vol-record').click();
  await w.locator('.vr-stars').waitFor({ timeout: T });
  assert.match(await w.locator('.vr-stars').innerText(), /★☆☆☆☆[\s\S]*1 星志愿者[\s\S]*再服务 296.5 小时可达 2 星（300 小时）[\s\S]*累计 3.5 小时/);
  assert.match(await w.locator('.vr-totals').innerText(), /全部[\s\S]*信用 2 小时[\s\S]*补录 1.5 小时[\s\S]*2026年[\s\S]*信用 2 小时[\s\S]*补录 1.5 小时/);
  const credit = w.locator('.vr-entry', { hasText: '园区环境整治志愿服务' });
  assert.match(await credit.innerText(), /2 小时[\s\S]*信用时数[\s\S]*2026年11月21日 · 园区中心广场[\s\S]*内容：清理绿化带垃圾[\s\S]*组织：测试工业园区志愿服务联合会 · 负责人：赵红/);
  assert.match(await w.locator('.vr-entry', { hasText: '敬老院志愿服务' }).innerText(), /1.5 小时[\s\S]*补录时数/);
  await credit.locator('.vr-entry__rate').click();
  await credit.locator('.rp-stars__star-4').click();
  await credit.locator('.vr-rate__comment textarea').fill('组织有序，希望多办');
  await credit.locator('.vr-rate__send').click();
  await w.locator('.vr-outcome', { hasText: '谢谢您的评价' }).waitFor({ timeout: T });
  await shots(w, 'volunteer-record');

  // 4. She asks the federation for a certificate for 2026.
  await w.locator('.vr-certificates').click();
  await w.locator('.vr-request__send').waitFor({ timeout: T });
  await shots(w, 'volunteer-record-certificates-empty');
  await w.locator('.vr-request__year-2026').click();
  await w.locator('.vr-request__send').click();
  await w.locator('.vr-outcome', { hasText: '已申请：2026年' }).waitFor({ timeout: T });
  await w.locator('.vr-cert .rp-tag', { hasText: '待出具' }).waitFor({ timeout: T });

  // 5. 刘洋 issues it on 志愿待办; he also reads her comment and rates her on the shift's page.
  await open(o, '/packages/organizer/pages/todo/index');
  const req = o.locator('.td-request', { hasText: '王芳' });
  await req.waitFor({ timeout: T });
  // The holiday moved the last day of the unconfirmed shift's window by one working day.
  assert.match(await o.locator(`.td-shift[data-shift-id="${third.shifts[0]}"]`).innerText(), /还剩 9 个工作日（最晚 12月8日）/);
  await req.locator('.td-request__issue').click();
  await o.locator('.td-outcome', { hasText: /已出具：王芳 2026年的证明，编号 ZYFW-2026-\d{6}/ }).waitFor({ timeout: T });
  const [cert] = await stored('volunteer_certificates', { personId: app.park.ids.王芳 });
  assert.deepEqual([cert.status, cert.hours], ['issued', { credit: 2, makeup: 1.5 }]);
  await open(o, `/packages/organizer/pages/shift/index?shiftId=${first.shiftId}&activityId=${first.activityId}`);
  await o.locator('.sh-comment', { hasText: '组织有序，希望多办' }).waitFor({ timeout: T });
  const rate = o.locator(`.sh-rate[data-person-id="${app.park.ids.王芳}"]`);
  await rate.locator('.sh-rate__open').click();
  await rate.locator('.rp-stars__star-5').click();
  await rate.locator('.sh-rate__note input').fill('认真负责');
  await rate.locator('.sh-rate__send').click();
  await rate.locator('.rp-tag', { hasText: '已评 ★★★★★' }).waitFor({ timeout: T });
  assert.equal((await stored('volunteer_ratings', { personId: app.park.ids.王芳, by: 'org' }))[0].stars, 5);
  await shots(o, 'volunteer-record-shift-ratings');

  // 6. 王芳 makes the image and downloads it; its QR is the link to the public check.
  await open(w, '/packages/volunteer/pages/certificates/index');
  const item = w.locator(`.vr-cert[data-certificate-id="${cert._id}"]`);
  await item.locator('.rp-tag', { hasText: '已出具' }).waitFor({ timeout: T });
  assert.match(await item.innerText(), new RegExp(`编号：${cert.number}[\\s\\S]*信用时数 2 小时 · 补录时数 1.5 小时`));
  await item.locator('.vr-cert__make').click();
  await item.locator('.vr-cert__image img').waitFor({ timeout: T });
  const [download] = await Promise.all([w.waitForEvent('download'), item.locator('.vr-cert__save').click()]);
  assert.equal(download.suggestedFilename(), `志愿服务证明-${cert.number}.png`);
  await download.saveAs(path.join(SCREENSHOTS, 'volunteer-record-certificate-image.png'));
  const png = PNG.sync.read(readFileSync((await download.path())!));
  assert.ok(png.width === 750 && png.height > 900, `the image is ${png.width}×${png.height}`);
  const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(qr, 'the downloaded image has a readable QR code');
  const link = qr.data;
  assert.ok(link.startsWith(`${app.emu.baseUrl}/#/packages/volunteer/pages/verify-certificate/index?c=`), link);
  await item.locator('.vr-cert__saved', { hasText: `已下载图片：志愿服务证明-${cert.number}.png` }).waitFor({ timeout: T });
  await shots(w, 'volunteer-record-certificate');

  // 7. Someone who is not bound (not on any roster) opens the link: valid, the name masked, the hours apart, the issuer.
  const li = await pageAs(app, { openid: 'o_visitor_not_bound', name: '访客' }, link.slice(link.indexOf('#') + 1));
  errors.push(li.errors);
  const l = li.page;
  await l.locator('.vr-verify__ok', { hasText: '证明有效' }).waitFor({ timeout: T });
  const verified = await l.locator('.vr-verify').first().innerText();
  assert.match(verified, new RegExp(`证明编号\\s*${cert.number}[\\s\\S]*志愿者\\s*王\\*[\\s\\S]*2026年[\\s\\S]*信用时数\\s*2 小时[\\s\\S]*补录时数\\s*1.5 小时[\\s\\S]*出具单位\\s*测试工业园区志愿服务联合会`));
  assert.doesNotMatch(verified, /王芳/);
  await shots(l, 'volunteer-record-verify-valid');

  // 8. 王芳 questions the confirmed record (she left at 10:30); 刘洋 accepts 1.5 hours.
  await open(w, '/packages/volunteer/pages/record/index');
  const entry = w.locator('.vr-entry', { hasText: '园区环境整治志愿服务' });
  await entry.locator('.vr-entry__question').click();
  await entry.locator('.vr-correct__hours input').fill('1.5');
  await entry.locator('.vr-correct__reason textarea').fill('我 10:30 就离开了，应为 1.5 小时');
  await entry.locator('.vr-correct__send').click();
  await w.locator('.vr-outcome', { hasText: '已提交更正申请' }).waitFor({ timeout: T });
  await w.locator('.vr-correction .rp-tag', { hasText: '等待负责人处理' }).waitFor({ timeout: T });
  await open(o, '/packages/organizer/pages/todo/index');
  const corr = o.locator('.td-correction', { hasText: '王芳' });
  await corr.waitFor({ timeout: T });
  assert.equal(await corr.locator('.td-correction__hours input').inputValue(), '1.5');
  await corr.locator('.td-correction__answer textarea').fill('已核实签退时间，改为 1.5 小时');
  await shots(o, 'volunteer-record-todo-correction');
  await corr.locator('.td-correction__accept').click();
  await o.locator('.td-outcome', { hasText: /已更正：王芳「园区环境整治志愿服务」改为 1.5 小时.*1 份包含这条记录的证明已自动撤销/ }).waitFor({ timeout: T });

  // 9. The link now says 已撤销 with the reason; 证明管理 and 王芳's pages agree.
  await l.reload();
  await l.locator('.vr-verify__bad', { hasText: '证明已撤销' }).waitFor({ timeout: T });
  assert.match(await l.locator('.vr-verify__reason').innerText(), /撤销原因：所含记录「园区环境整治志愿服务」已更正为 1.5 小时/);
  await shots(l, 'volunteer-record-verify-revoked');
  await open(o, '/packages/organizer/pages/certificates/index');
  await o.locator('.cm-group-revoked .cm-item', { hasText: cert.number }).waitFor({ timeout: T });
  await shots(o, 'volunteer-record-certificates-manage');
  await open(w, '/packages/volunteer/pages/record/index');
  await w.locator('.vr-correction .rp-tag', { hasText: '已更正' }).waitFor({ timeout: T });
  assert.match(await w.locator('.vr-correction').innerText(), /已更正为 1.5 小时[\s\S]*负责人答复：已核实签退时间/);
  assert.match(await w.locator('.vr-totals').innerText(), /信用 1.5 小时/);
  await open(w, '/packages/volunteer/pages/certificates/index');
  await w.locator('.vr-cert__note', { hasText: '原因：所含记录「园区环境整治志愿服务」已更正为 1.5 小时' }).waitFor({ timeout: T });

  assert.deepEqual(errors.flat(), [], 'no page error');
});
