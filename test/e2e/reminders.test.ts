// Reminders end to end on the real H5 build (issue 18): 王芳 taps 报名 on a volunteer shift, which opens WeChat's
// consent prompt first (the emulator's stand-in accepts, as the H5 build does in local mode) and records it; two hours
// before the shift the remind timer sends: the emulator console's 消息 tab shows the message as the phone would, and
// 王芳's 学习 tab lists it in her messages. She then turns 志愿服务开始前两小时 off on 我的 → 消息提醒, signs up for
// another shift (a new consent), and that shift's reminder does not come as a message (it is in her messages only).
// The page (switches with a line each) is saved at 390 px and in 大字模式. Then the park admin sets the quiet hours on
// 园区管理 · 提醒: a choice of 15 hours is refused in words, 21:30–07:30 is saved and read back.
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type LocalApp, pageAs, shot, startLocalApp } from '../support/h5.js';
import { visibleText } from '../support/page-checks.js';
import { pickOnWheel, shots } from '../support/wheel.js';
import { as } from '../support/park.js';
import { chinaClock, createActivity } from '../integration/volunteer/support.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.stop();
});

const T = 15_000;
const open = (page: Page, route: string) => page.goto(`${app.emu.baseUrl}/#${route}`);
const fire = async () => assert.equal((await app.emu.api('POST', '/_emulator/triggers/run', { function: 'remind', trigger: 'send' })).ok, true);
const outbox = async () => (await app.emu.api('GET', `/_emulator/outbox?touser=${app.park.openids.王芳}`)) as Array<{ template_id: string; data: Record<string, { value: string }> }>;

test('consent on a tap, a reminder on the phone and in the inbox; a kind turned off does not come', async () => {
  const errors: string[][] = [];
  const liu = as(app.emu, app.park, '刘洋');
  await chinaClock(app.emu, '2026-11-20 10:00');
  const first = await createActivity(liu, { title: '文明交通引导', recruitFrom: '2026-11-20 09:00', recruitUntil: '2026-11-20 20:00', shifts: [{ start: '2026-11-21 09:00', end: '2026-11-21 11:00', capacity: 5, role: null }] });
  const second = await createActivity(liu, { title: '敬老院志愿服务', recruitFrom: '2026-11-20 09:00', recruitUntil: '2026-11-21 20:00', shifts: [{ start: '2026-11-22 09:00', end: '2026-11-22 11:00', capacity: 5, role: null }] });

  // 1. 王芳 signs up on the page: the tap asks for consent, then signs her up.
  const wang = await pageAs(app, '王芳', `/packages/volunteer/pages/activity/index?activityId=${first.id}`);
  errors.push(wang.errors);
  const w = wang.page;
  await w.locator('.va-shift__join').click();
  // (The shift is tomorrow morning: too late to cancel, so no 取消报名 button; the outcome says it.)
  await w.locator('.va-notice--ok', { hasText: '报名成功' }).waitFor({ timeout: T });
  const quota = async () => (await as(app.emu, app.park, '王芳').ok('remind', 'settings.mine', {})).quota;
  for (let i = 0; i < 50 && (await quota()).TPL_ACTIVITY_START !== 1; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal((await quota()).TPL_ACTIVITY_START, 1, 'the accept was recorded');
  const phone = await app.emu.api('GET', `/_emulator/wx/quota?openid=${app.park.openids.王芳}`);
  assert.equal(phone.quota.TPL_ACTIVITY_START, 1, 'and WeChat has the consent');

  // 2. Two hours before the shift (07:00) is still the quiet hours (22:00–08:00): nothing goes out; at 08:00 the
  // timer sends it; the console shows what the phone got.
  await chinaClock(app.emu, '2026-11-21 07:00');
  await fire();
  assert.deepEqual(await outbox(), [], 'quiet hours');
  await chinaClock(app.emu, '2026-11-21 08:00');
  await fire();
  const sent = await outbox();
  assert.deepEqual(sent.map((m) => [m.template_id, m.data.thing1!.value, m.data.time2!.value]), [['TPL_ACTIVITY_START', '文明交通引导', '2026年11月21日 09:00']]);
  const consolePage = await w.context().newPage();
  await consolePage.goto(`${app.emu.baseUrl}/_emulator/console#outbox`);
  const card = consolePage.locator('#outbox li.card', { hasText: '文明交通引导' });
  await card.waitFor({ timeout: T });
  assert.match(await card.innerText(), /志愿活动开始提醒[\s\S]*活动名称[\s\S]*文明交通引导[\s\S]*开始时间[\s\S]*2026年11月21日 09:00/);
  await shot(consolePage, 'reminders-console-outbox');
  await consolePage.close();
  // …and her messages on the 学习 tab.
  await open(w, '/pages/study/index');
  await w.locator('.study-inbox__item', { hasText: '志愿服务即将开始：文明交通引导' }).waitFor({ timeout: T });

  // 3. 我的 → 消息提醒: she turns the shift reminder off.
  await open(w, '/pages/mine/index');
  await w.locator('.mine-reminders__open').click();
  await w.locator('.reminders__kind[data-kind="shiftSoon"]').waitFor({ timeout: T });
  // Switches, each with its name and one line; the pledge and 三评议 kinds are there to turn off too.
  for (const kind of ['shiftSoon', 'pledgeDueSoon', 'pledgeOverdue', 'pledgeReturned', 'reviewToRate']) {
    const row = w.locator(`.reminders__kind[data-kind="${kind}"]`);
    assert.equal(await row.getAttribute('data-on'), 'on', kind);
    assert.equal(await row.locator('[role="switch"]').getAttribute('aria-checked'), 'true', kind);
    assert.ok((await row.locator('.reminders__hint').innerText()).length > 4, `${kind} has its line`);
  }
  assert.match(await w.locator('.reminders__kind[data-kind="pledgeDueSoon"]').innerText(), /承诺到期前七天[\s\S]*承诺到期前七天，还没申报践诺时/);
  // A switch looks like one: a track about twice as wide as high, not a full-width button.
  const box = (await w.locator('.reminders__kind[data-kind="shiftSoon"] .reminders__switch').boundingBox())!;
  assert.ok(box.width < 80 && box.width > box.height * 1.4, JSON.stringify(box));
  await shots(w, 'reminders-settings');
  await w.locator('.reminders__kind[data-kind="shiftSoon"] .reminders__switch').click();
  await w.locator('.reminders__kind[data-kind="shiftSoon"][data-on="off"]').waitFor({ timeout: T });
  assert.equal(await w.locator('.reminders__kind[data-kind="shiftSoon"] [role="switch"]').getAttribute('aria-checked'), 'false');
  assert.deepEqual((await as(app.emu, app.park, '王芳').ok('remind', 'settings.mine', {})).kinds.filter((k: any) => !k.on).map((k: any) => k.kind), ['shiftSoon'], 'saved');
  await shots(w, 'reminders-settings-off');
  assert.doesNotMatch(await visibleText(w), /[A-Za-z]{4,}/, 'no English or ids');

  // 4. A second sign-up (another consent), and the next reminder does not come as a message.
  await open(w, `/packages/volunteer/pages/activity/index?activityId=${second.id}`);
  await w.locator('.va-shift__join').click();
  await w.locator('.va-notice--ok', { hasText: '报名成功' }).waitFor({ timeout: T });
  await chinaClock(app.emu, '2026-11-22 08:00');
  await fire();
  assert.equal((await outbox()).length, 1, 'no second message');
  const { data: rows } = await app.emu.app().database().collection('reminder_outbox').where({ personId: app.park.ids.王芳, kind: 'shiftSoon' }).get();
  assert.deepEqual(rows.map((r: any) => r.status).sort(), ['optedOut', 'sent']);
  await open(w, '/pages/study/index');
  await w.locator('.study-inbox__item', { hasText: '志愿服务即将开始：敬老院志愿服务' }).waitFor({ timeout: T });

  assert.deepEqual(errors.flat(), [], 'no page error');
});

test('园区管理 · 提醒: the park admin sets the quiet hours; a wrong choice says why; what is saved is read back', async () => {
  const admin = await pageAs(app, '周涛', '/packages/member/pages/reminders/index');
  const p = admin.page;
  // From 我的 → 消息提醒 (the park admin sees where to change them), to the admin screen.
  await p.locator('.reminders__quiet-edit').click();
  await p.locator('.rq-now__text').waitFor({ timeout: T });
  assert.equal(await p.locator('.rq-now__text').innerText(), '现在：每天 22:00 到次日 08:00（10 小时）');
  // 17:00 to 08:00 is 15 hours: refused in words before anything is sent.
  await pickOnWheel(p, p.locator('.rq-range .rp-pick--start'), ['17', '00']);
  await p.locator('.rp-error-text', { hasText: '免打扰时段最长 14 小时，现在是 15 小时' }).waitFor({ timeout: T });
  await shots(p, 'admin-quiet-hours-error');
  await p.locator('.rq-save').click();
  await p.waitForTimeout(300);
  assert.equal((await as(app.emu, app.park, '周涛').ok('remind', 'settings.mine', {})).quiet.quietStart, '22:00', 'nothing saved');
  // 21:30 to 07:30: saved, and the stored value is what the screen then says.
  await pickOnWheel(p, p.locator('.rq-range .rp-pick--start'), ['21', '30']);
  await pickOnWheel(p, p.locator('.rq-range .rp-pick--end'), ['07', '30']);
  assert.equal(await p.locator('.rp-error-text').count(), 0);
  assert.equal(await p.locator('.rq-preview').innerText(), '改后：每天 21:30 到次日 07:30（10 小时）');
  await p.locator('.rq-save').click();
  await p.locator('.rq-saved', { hasText: '已保存，现在是每天 21:30 到次日 07:30（10 小时）。' }).waitFor({ timeout: T });
  assert.deepEqual((await as(app.emu, app.park, '王芳').ok('remind', 'settings.mine', {})).quiet, { quietStart: '21:30', quietEnd: '07:30' });
  await shots(p, 'admin-quiet-hours');
  await p.reload();
  await p.locator('.rq-now__text', { hasText: '现在：每天 21:30 到次日 07:30（10 小时）' }).waitFor({ timeout: T });
  assert.doesNotMatch(await visibleText(p), /[A-Za-z]{4,}/, 'no English or ids');
  assert.deepEqual(admin.errors, [], 'no page error');
});
